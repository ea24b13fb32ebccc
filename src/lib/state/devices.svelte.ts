/** The devices (sessions) the signed-in account is signed in on, and "sign that device out". */
import { api, toMillis, type ApiResult } from '../sync/api.ts';

export interface Device {
	id: string;
	userAgent: string | null;
	current: boolean;
	/** Epoch milliseconds. */
	signedInAt: number;
	lastSeenAt: number;
}

export class DevicesState {
	#devices = $state<Device[]>([]);

	get devices(): readonly Device[] {
		return this.#devices;
	}

	/** Fetches the list; on failure keeps the last one and returns why (the route puts it into words). */
	async load(): Promise<ApiResult<unknown>> {
		const result = await api.sessions();
		if (!result.ok) return result;
		this.#devices = result.value.sessions.map((s) => ({
			id: s.id,
			userAgent: s.userAgent ?? null,
			current: s.current,
			signedInAt: toMillis(s.createdAt),
			lastSeenAt: toMillis(s.lastSeenAt)
		}));
		return result;
	}

	/** Signs another device out (its sockets close at once), then reloads the list; returns the first failure. */
	async revoke(id: string): Promise<ApiResult<unknown>> {
		const result = await api.revokeSession(id);
		return result.ok ? this.load() : result;
	}
}
