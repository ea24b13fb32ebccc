/** The session cookie: `beian_session`, HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS. */
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'beian_session';

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
	const parts = [`${SESSION_COOKIE}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
	if (options.secure) parts.push('Secure');
	return parts.join('; ');
}

/** `Set-Cookie` value that deletes the session cookie. */
export function clearedSessionCookie(options: { secure: boolean }): string {
	return sessionCookie('', { maxAgeSeconds: 0, secure: options.secure });
}
