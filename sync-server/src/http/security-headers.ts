/**
 * The browser security headers every response carries (app, `/api`, `/files`, errors), sent as
 * HTTP headers because a `<meta>` CSP cannot say `frame-ancestors`.
 *
 * The CSP allows scripts and styles from this origin only, plus the SHA-256 of each inline
 * boot script and inline `style="…"` attribute the build contains. SvelteKit writes such hashes
 * only into a `<meta>`, so the server computes them itself when it starts, from the built files:
 * every inline `<script>` of every `.html`, every `style` attribute of the HTML, and the
 * `style="…"` attributes inside the client's HTML templates (SvelteKit's route announcer).
 * Attribute hashes need `'unsafe-hashes'`; no `'unsafe-inline'` is needed, since the app has no
 * Svelte transitions (they would insert `<style>` rules: then `'unsafe-inline'` for style-src,
 * said here, would be the one exception).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { isHttps } from '../accounts/request-info.ts';

/** SHA-256 source expressions (`'sha256-…'`) for the inline code the build contains. */
export interface InlineHashes {
	readonly scripts: readonly string[];
	readonly styleAttributes: readonly string[];
}

export const NO_INLINE_CODE: InlineHashes = { scripts: [], styleAttributes: [] };

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;
const HTML_STYLE_ATTRIBUTE = /\sstyle\s*=\s*"([^"]*)"/gi;
// `style="…"` inside a compiled template string; values with escapes or interpolations are skipped.
const TEMPLATE_STYLE_ATTRIBUTE = /\bstyle="([^"\\`$<>]*)"/g;
/** A `Host` header worth echoing into the CSP (name or IP literal, optional port). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;
const HSTS = 'max-age=31536000';

/** Hashes the inline scripts and style attributes of a built app folder. */
export async function hashInlineCode(staticDir: string): Promise<InlineHashes> {
	const scripts = new Set<string>();
	const styles = new Set<string>();
	for (const file of await listFiles(staticDir)) {
		const ext = extname(file);
		if (ext === '.html') {
			const html = await readFile(file, 'utf8');
			for (const match of html.matchAll(INLINE_SCRIPT)) scripts.add(sha256Source(match[1] ?? ''));
			for (const match of html.matchAll(HTML_STYLE_ATTRIBUTE)) styles.add(sha256Source(decodeEntities(match[1] ?? '')));
		} else if (ext === '.js' && file.includes(`${join('_app', 'immutable')}`)) {
			const code = await readFile(file, 'utf8');
			for (const match of code.matchAll(TEMPLATE_STYLE_ATTRIBUTE)) styles.add(sha256Source(match[1] ?? ''));
		}
	}
	return { scripts: [...scripts].sort(), styleAttributes: [...styles].sort() };
}

/** `'sha256-<base64>'` of a text, as CSP hash sources are written. */
export function sha256Source(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The Content-Security-Policy for a request to `host` (null: no usable Host header). */
export function contentSecurityPolicy(hashes: InlineHashes, host: string | null): string {
	const sockets = host === null ? '' : ` ws://${host} wss://${host}`;
	const styleHashes = hashes.styleAttributes.length > 0 ? ` 'unsafe-hashes' ${hashes.styleAttributes.join(' ')}` : '';
	return [
		"default-src 'self'",
		`script-src 'self'${hashes.scripts.map((h) => ` ${h}`).join('')}`,
		`style-src 'self'${styleHashes}`,
		"img-src 'self' blob: data:",
		"worker-src 'self' blob:",
		`connect-src 'self'${sockets}`,
		"frame-ancestors 'none'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'"
	].join('; ');
}

export class SecurityHeaders {
	#hashes: InlineHashes;
	#trustProxy: boolean;
	/** The policy without socket sources, for requests without a usable Host. */
	#hostless: string;
	#byHost = new Map<string, string>();

	constructor(hashes: InlineHashes, options: { trustProxy: boolean }) {
		this.#hashes = hashes;
		this.#trustProxy = options.trustProxy;
		this.#hostless = contentSecurityPolicy(hashes, null);
	}

	/** Sets the headers on a response before any route writes it. */
	apply(req: IncomingMessage, res: ServerResponse): void {
		res.setHeader('content-security-policy', this.#policyFor(req.headers.host));
		res.setHeader('referrer-policy', 'no-referrer');
		res.setHeader('x-frame-options', 'DENY');
		res.setHeader('x-content-type-options', 'nosniff');
		res.setHeader('cross-origin-opener-policy', 'same-origin');
		res.setHeader('cross-origin-resource-policy', 'same-origin');
		// Only a browser that reached us over TLS may be told to stay on it.
		if (isHttps(req, this.#trustProxy)) res.setHeader('strict-transport-security', HSTS);
	}

	/** The headers for an answer written before the request was parsed (no Host known, no TLS claim trusted). */
	unparsed(): Record<string, string> {
		return {
			'content-security-policy': this.#hostless,
			'referrer-policy': 'no-referrer',
			'x-frame-options': 'DENY',
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-resource-policy': 'same-origin'
		};
	}

	#policyFor(host: string | undefined): string {
		if (host === undefined || !HOST.test(host)) return this.#hostless;
		const key = host.toLowerCase();
		let policy = this.#byHost.get(key);
		if (policy === undefined) {
			policy = contentSecurityPolicy(this.#hashes, key);
			// A handful of names reach one server; do not let arbitrary Host headers grow the cache.
			if (this.#byHost.size < 64) this.#byHost.set(key, policy);
		}
		return policy;
	}
}

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
	return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function decodeEntities(text: string): string {
	return text
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&amp;', '&');
}
