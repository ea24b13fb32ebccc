/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/. Over HTTPS it is Secure and named
 * `__Host-beian_session` (the browser then refuses it from plain HTTP, from a sub-domain or with
 * a Domain/Path); over plain HTTP (localhost, development) it is `beian_session`.
 */
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'beian_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The cookie name a response sets: `__Host-` prefixed exactly when the cookie is Secure. */
export function sessionCookieName(secure: boolean): string {
	return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The session token a request carries. `__Host-beian_session` is always believed (the browser
 * only stores it from a secure origin); the unprefixed one only on a plain-HTTP request, so over
 * HTTPS a cookie planted by a sub-domain or an HTTP page cannot fix a session.
 */
export function readSessionToken(req: IncomingMessage, https: boolean): string | null {
	return readCookie(req, SECURE_SESSION_COOKIE) ?? (https ? null : readCookie(req, SESSION_COOKIE));
}

/** The value of one cookie of a request; null when absent. Tolerates malformed headers. */
export function readCookie(req: IncomingMessage, name: string): string | null {
	const header = req.headers.cookie;
	if (typeof header !== 'string' || header.length > 8192) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		const value = part.slice(eq + 1).trim();
		return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : null;
	}
	return null;
}

/** `Set-Cookie` value carrying a session token for `maxAgeSeconds`. */
export function sessionCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
	const name = sessionCookieName(options.secure);
	const parts = [`${name}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
	if (options.secure) parts.push('Secure');
	return parts.join('; ');
}

/** `Set-Cookie` value that deletes the session cookie. */
export function clearedSessionCookie(options: { secure: boolean }): string {
	return sessionCookie('', { maxAgeSeconds: 0, secure: options.secure });
}
