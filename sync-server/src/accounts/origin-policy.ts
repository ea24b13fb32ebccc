/**
 * The Origin allowlist (ASVS 4.4.2): a foreign `Origin` is refused on every state-changing
 * request and at the WebSocket upgrade. Without a configured list the server allows
 * `http://localhost:PORT` and `http://127.0.0.1:PORT` of the port it listens on, which it
 * knows only after `listen` — hence `listenOn`. A missing Origin is allowed (non-browser
 * clients), since those requests still need a session.
 */
export class OriginPolicy {
	#configured: ReadonlySet<string> | null;
	#defaults = new Set<string>();

	/** `allowed` as full origins (`https://beian.example.com`); null or empty for the defaults. */
	constructor(allowed: readonly string[] | null | undefined) {
		const list = (allowed ?? []).map(normalizeOrigin).filter((o): o is string => o !== null);
		this.#configured = list.length > 0 ? new Set(list) : null;
	}

	/** Sets the default allowlist for the port the server listens on. */
	listenOn(port: number): void {
		this.#defaults = new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
	}

	/**
	 * The app's own origin for links the server writes (password-retrieval mail): the request's
	 * Origin when it is allowed, else the first configured origin, else `http://localhost:PORT`.
	 * Never the Host header: a forged Host would point a victim's reset link at the forger.
	 */
	linkOrigin(requestOrigin: string | undefined): string {
		const normalized = requestOrigin === undefined ? null : normalizeOrigin(requestOrigin);
		if (normalized !== null && this.isAllowed(normalized)) return normalized;
		const [first] = this.#configured ?? this.#defaults;
		return first ?? 'http://localhost';
	}

	isAllowed(origin: string | undefined): boolean {
		if (origin === undefined) return true;
		const normalized = normalizeOrigin(origin);
		if (normalized === null) return false;
		return (this.#configured ?? this.#defaults).has(normalized);
	}
}

/** `scheme://host[:port]` lowercased, default ports dropped; null for anything else (`null`, paths…). */
export function normalizeOrigin(origin: string): string | null {
	try {
		const url = new URL(origin.trim());
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
		return url.origin;
	} catch {
		return null;
	}
}
