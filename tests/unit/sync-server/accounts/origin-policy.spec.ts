import { describe, expect, it } from 'vitest';
import { normalizeOrigin, OriginPolicy } from '../../../../sync-server/src/accounts/origin-policy.ts';

describe('OriginPolicy', () => {
	it('allows localhost and 127.0.0.1 on the listening port by default, and a missing Origin', () => {
		const policy = new OriginPolicy(null);
		policy.listenOn(8787);
		expect(policy.isAllowed('http://localhost:8787')).toBe(true);
		expect(policy.isAllowed('http://127.0.0.1:8787')).toBe(true);
		expect(policy.isAllowed(undefined)).toBe(true);
		for (const foreign of ['http://localhost:8788', 'https://localhost:8787', 'http://evil.example', 'null', '', 'http://localhost:8787.evil.example']) {
			expect(policy.isAllowed(foreign)).toBe(false);
		}
	});

	it('uses a configured list instead of the defaults, compared as normalised origins', () => {
		const policy = new OriginPolicy(['https://Beian.Example.com:443', 'not a url']);
		policy.listenOn(8787);
		expect(policy.isAllowed('https://beian.example.com')).toBe(true);
		expect(policy.isAllowed('http://localhost:8787')).toBe(false);
		expect(new OriginPolicy([]).isAllowed('http://localhost:1')).toBe(false);
	});

	it('normalises only bare http(s) origins', () => {
		expect(normalizeOrigin('HTTP://LOCALHOST:80')).toBe('http://localhost');
		expect(normalizeOrigin('https://a.example/path')).toBeNull();
		expect(normalizeOrigin('file:///etc/passwd')).toBeNull();
		expect(normalizeOrigin('https://user@a.example')).toBeNull();
	});
});
