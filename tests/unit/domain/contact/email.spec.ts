import { describe, expect, it } from 'vitest';
import { parseEmail } from '$lib/domain/contact/email.ts';

describe('e-mail addresses', () => {
	it.each([
		['name@example.com', 'name@example.com'],
		[' Zhang.San+beian@Example.COM ', 'Zhang.San+beian@example.com'],
		['ｚｓ＠ｑｑ．ｃｏｍ', 'zs@qq.com'],
		['admin@例子.中国', 'admin@xn--fsqu00a.xn--fiqs8s'],
		['a@b.xn--fiqs8s', 'a@b.xn--fiqs8s']
	])('MAIL-1 accepts %j as %s', (input, expected) => {
		const r = parseEmail(input);
		expect(r.ok && r.value.address).toBe(expected);
	});

	it.each(['', 'plain', '@example.com', 'a@', 'a@b', 'a..b@example.com', '.a@example.com', 'a@-b.com', 'a b@example.com', 'a@example.c0m', '<a>@x.com', 'a@b@c.com', `${'a'.repeat(65)}@example.com`, null, 5])(
		'MAIL-1 refuses %j',
		(input) => {
			const r = parseEmail(input);
			expect(r.ok).toBe(false);
			expect(r.issues.map((i) => i.rule)).toEqual(['MAIL-1']);
		}
	);

	it('MAIL-1 gives a comparable form for telling two people apart', () => {
		const a = parseEmail('Li@Example.com');
		const b = parseEmail('li@example.COM');
		expect(a.ok && b.ok && a.value.comparable === b.value.comparable).toBe(true);
	});
});
