import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readCookie, readSessionToken, sessionCookie } from '../../../../sync-server/src/accounts/cookies.ts';

const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe('session cookie', () => {
	it('is HttpOnly, SameSite=Strict, Path=/, with a Max-Age, and Secure with the __Host- prefix only when asked', () => {
		expect(sessionCookie('tok_1-2', { maxAgeSeconds: 2_592_000, secure: false })).toBe('beian_session=tok_1-2; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000');
		expect(sessionCookie('t', { maxAgeSeconds: 1.9, secure: true })).toBe('__Host-beian_session=t; HttpOnly; SameSite=Strict; Path=/; Max-Age=1; Secure');
		expect(clearedSessionCookie({ secure: false })).toBe('beian_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
		expect(clearedSessionCookie({ secure: true })).toBe('__Host-beian_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure');
	});

	it('takes the __Host- cookie on any request and the unprefixed one only over plain HTTP', () => {
		expect(readSessionToken(request('__Host-beian_session=sec'), true)).toBe('sec');
		expect(readSessionToken(request('__Host-beian_session=sec'), false)).toBe('sec');
		expect(readSessionToken(request('beian_session=plain'), false)).toBe('plain');
		expect(readSessionToken(request('beian_session=plain'), true)).toBeNull();
		expect(readSessionToken(request('beian_session=plain; __Host-beian_session=sec'), true)).toBe('sec');
	});

	it('reads the token among other cookies and ignores malformed values', () => {
		expect(readCookie(request('a=1; beian_session=abc_DEF-9; b=2'), 'beian_session')).toBe('abc_DEF-9');
		expect(readCookie(request('beian_session_x=1'), 'beian_session')).toBeNull();
		expect(readCookie(request('beian_session=<script>'), 'beian_session')).toBeNull();
		expect(readCookie(request('beian_session='), 'beian_session')).toBeNull();
		expect(readCookie(request(), 'beian_session')).toBeNull();
		expect(readCookie(request('x'.repeat(10_000)), 'beian_session')).toBeNull();
	});
});
