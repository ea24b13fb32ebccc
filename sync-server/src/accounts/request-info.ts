/**
 * What the server may believe about where a request came from. Behind a TLS-terminating
 * reverse proxy (`trustProxy`), `X-Forwarded-Proto` says whether the browser used HTTPS and the
 * last `X-Forwarded-For` entry is the address the proxy saw; without it both are ignored, since
 * any client could send them.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Whether the browser reached us over HTTPS (decides the cookie's `Secure` flag). */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
	if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
	if (!trustProxy) return false;
	const proto = req.headers['x-forwarded-proto'];
	const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
	return first === 'https';
}

/** The client address, for per-IP rate limits. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = req.headers['x-forwarded-for'];
		const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').at(-1)?.trim();
		if (last) return last.slice(0, 64);
	}
	return req.socket.remoteAddress ?? 'unknown';
}

/** The User-Agent, shortened, for the session list ("signed in on 2 devices"). */
export function userAgentOf(req: IncomingMessage): string | null {
	const ua = req.headers['user-agent'];
	if (typeof ua !== 'string' || ua === '') return null;
	const printable = [...ua.slice(0, 512)].filter((ch) => {
		const code = ch.codePointAt(0) ?? 0;
		return code >= 0x20 && code !== 0x7f;
	});
	return printable.join('').slice(0, 256);
}
