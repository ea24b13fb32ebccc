/** The devices (sessions) the signed-in account is signed in on, and "sign that device out". */
import { api, toMillis, type ApiFailure, type ApiResult } from '../sync/api.ts';

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
	#failure = $state<ApiFailure | null>(null);

	get devices(): readonly Device[] {
		return this.#devices;
	}

	/** Why the last load or sign-out failed; null after a success. */
	get failure(): ApiFailure | null {
		return this.#failure;
	}

	async load(): Promise<void> {
		const result = await api.sessions();
		if (!result.ok) return void (this.#failure = result);
		this.#failure = null;
		this.#devices = result.value.sessions.map((s) => ({
			id: s.id,
			userAgent: s.userAgent ?? null,
			current: s.current,
			signedInAt: toMillis(s.createdAt),
			lastSeenAt: toMillis(s.lastSeenAt)
		}));
	}

	/** Signs another device out (its sockets close at once), then reloads the list. */
	async revoke(id: string): Promise<ApiResult<unknown>> {
		const result = await api.revokeSession(id);
		if (!result.ok) this.#failure = result;
		else await this.load();
		return result;
	}
}
