import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomain } from '$lib/domain/domain-name/domain.ts';
import { toAsciiHostname, toUnicodeHostname } from '$lib/domain/domain-name/idna.ts';
import { punycodeDecode, punycodeEncode } from '$lib/domain/domain-name/punycode.ts';
import { APPROVED_SUFFIXES, NON_FILEABLE_SUFFIXES, PROVINCE_NON_FILEABLE_SUFFIXES } from '$lib/domain/domain-name/suffix-lists.ts';
import type { Result } from '$lib/domain/result.ts';

const rules = (r: Result<unknown>) => r.issues.map((i) => i.rule);

describe('punycode (RFC 3492)', () => {
	it.each([
		['例子', 'fsqu00a'],
		['中国', 'fiqs8s'],
		['bücher', 'bcher-kva'],
		['münchen', 'mnchen-3ya'],
		['公司', '55qx5d']
	])('DOMAIN-1 encodes %s as xn--%s and back', (unicode, ascii) => {
		expect(punycodeEncode(unicode)).toBe(ascii);
		expect(punycodeDecode(ascii)).toBe(unicode);
	});

	it('DOMAIN-1 decode refuses invalid punycode without throwing', () => {
		expect(punycodeDecode('99999999999999999999')).toBeUndefined();
		expect(punycodeDecode('abc-!!')).toBeUndefined();
	});

	it('DOMAIN-1 Unicode ↔ ASCII hostnames round-trip', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...'abcdefghij0123456789例子中国网络公司测试ü'), { minLength: 1, maxLength: 12 }),
				(chars) => {
					const host = `${chars.join('')}.cn`;
					const ascii = toAsciiHostname(host);
					expect(ascii).toBeDefined();
					expect(ascii && toUnicodeHostname(ascii)).toBe(host);
				}
			)
		);
	});
});

describe('domains to file (domain-research §5.4, §5.6)', () => {
	it.each([
		['example.com', 'example.com', 'example.com'],
		['Example.COM.', 'example.com', 'example.com'],
		['ＥＸＡＭＰＬＥ．ｃｎ', 'example.cn', 'example.cn'],
		['example.com.cn', 'example.com.cn', 'example.com.cn'],
		['例子.中国', 'xn--fsqu00a.xn--fiqs8s', '例子.中国'],
		['xn--fsqu00a.xn--fiqs8s', 'xn--fsqu00a.xn--fiqs8s', '例子.中国'],
		['例子。中国', 'xn--fsqu00a.xn--fiqs8s', '例子.中国']
	])('DOMAIN-1 normalises %j to %s / %s', (input, ascii, unicode) => {
		const r = parseDomain(input);
		expect(r.ok && { ascii: r.value.ascii, unicode: r.value.unicode }).toEqual({ ascii, unicode });
		expect(r.issues).toEqual([]);
	});

	it.each(['', 'localhost', 'exa mple', '-example.com', 'a..com', `${'a'.repeat(64)}.com`, '<script>.com', null, 42, 'x'.repeat(10_000)])(
		'DOMAIN-1 refuses %j',
		(input) => {
			expect(rules(parseDomain(input))).toEqual(['DOMAIN-1']);
		}
	);

	it('DOMAIN-2 reduces a pasted URL to its host and says so', () => {
		const r = parseDomain('https://example.com:8443/path?q=1#top');
		expect(r.ok && r.value.ascii).toBe('example.com');
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'DOMAIN-2', severity: 'info', params: { domain: 'example.com' } })]);
	});

	it('DOMAIN-3 refuses an IP address', () => {
		expect(rules(parseDomain('192.168.1.10'))).toEqual(['DOMAIN-3']);
	});

	it('DOMAIN-4 refuses an unknown suffix and a bare public suffix', () => {
		expect(rules(parseDomain('example.notatld'))).toEqual(['DOMAIN-4']);
		expect(rules(parseDomain('com.cn'))).toEqual(['DOMAIN-4']);
	});

	it('DOMAIN-5 refuses a subdomain and names the registrable domain', () => {
		const r = parseDomain('blog.shop.example.com.cn');
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'DOMAIN-5', params: { domain: 'example.com.cn' } })]);
	});

	it('DOMAIN-6 refuses www and names the bare domain', () => {
		expect(parseDomain('www.example.com').issues).toEqual([
			expect.objectContaining({ rule: 'DOMAIN-6', severity: 'error', params: { domain: 'example.com' } })
		]);
		expect(rules(parseDomain('https://www.例子.中国/'))).toEqual(['DOMAIN-6', 'DOMAIN-2']);
	});

	it.each(['example.io', 'example.dev', 'example.app', 'example.me', 'example.ai', 'user.github.io'])(
		'DOMAIN-7 refuses the non-fileable suffix of %s',
		(input) => {
			expect(rules(parseDomain(input))).toContain('DOMAIN-7');
		}
	);

	it('DOMAIN-8 only warns about a suffix on neither list', () => {
		const r = parseDomain('example.xyz');
		expect(r.ok).toBe(true);
		expect(r.issues).toEqual([expect.objectContaining({ rule: 'DOMAIN-8', severity: 'warning', params: { suffix: 'xyz' } })]);
		expect(APPROVED_SUFFIXES.partial).toBe(true);
		expect(APPROVED_SUFFIXES.asOf).toMatch(/^\d{4}/);
		expect(NON_FILEABLE_SUFFIXES.source).toContain('§5.6');
	});

	it('DOMAIN-9 warns about a suffix the filing province does not accept', () => {
		expect(rules(parseDomain('example.org', { province: 'BJ' }))).toEqual(['DOMAIN-9']);
		expect(rules(parseDomain('example.org', { province: 'CQ' }))).toEqual([]);
		expect(rules(parseDomain('example.org', { province: 'CQ', isIndividual: true }))).toEqual(['DOMAIN-9']);
		expect(rules(parseDomain('example.org'))).toEqual([]);
		expect(PROVINCE_NON_FILEABLE_SUFFIXES.every((l) => l.asOf && l.source)).toBe(true);
	});

	it('DOMAIN-1 parse ∘ normalise round-trips', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/),
				fc.constantFrom('com', 'cn', 'com.cn', 'net', '中国'),
				(label, suffix) => {
					fc.pre(label.slice(2, 4) !== '--');
					const r = parseDomain(`${label.toUpperCase()}.${suffix}`);
					expect(r.ok).toBe(true);
					if (!r.ok) return;
					const again = parseDomain(r.value.ascii);
					const unicode = parseDomain(r.value.unicode);
					expect(again.ok && again.value).toEqual(r.value);
					expect(unicode.ok && unicode.value).toEqual(r.value);
				}
			)
		);
	});
});
