/**
 * The collaborators of one subject, as the server lists them. The list lives on the server
 * only, so offline it cannot be shown: `status` says `offline` then (not "no collaborators"),
 * and `load()` again when the device is back online.
 */
import { api, toMillis, type ApiResult, type Role } from '../sync/api.ts';

export interface Member {
	accountId: string;
	email: string;
	role: Role;
}

export interface Invite {
	code: string;
	/** The link to send: the code travels in the fragment, so it never reaches a server log. */
	link: string;
	/** Epoch milliseconds. */
	expiresAt: number;
}

export type MembersStatus = 'loading' | 'ready' | 'offline' | 'failed';

export class MembersState {
	readonly subjectId: string;
	#members = $state<Member[]>([]);
	#status = $state<MembersStatus>('loading');

	constructor(subjectId: string) {
		this.subjectId = subjectId;
	}

	get members(): readonly Member[] {
		return this.#members;
	}

	/** `offline`: the server could not be reached, the list is unknown (not empty). */
	get status(): MembersStatus {
		return this.#status;
	}

	/** Fetches the list and returns the answer. Keeps the last known list while offline. */
	async load(): Promise<ApiResult<unknown>> {
		const result = await api.members(this.subjectId);
		if (result.ok) {
			this.#members = result.value.members;
			this.#status = 'ready';
		} else if (result.error === 'offline') {
			this.#status = this.#status === 'ready' ? 'ready' : 'offline';
		} else {
			this.#status = 'failed';
		}
		return result;
	}

	/** Creates a single-use invitation (owner only; needs the server). */
	async invite(role: 'editor' | 'viewer', origin: string): Promise<ApiResult<Invite>> {
		const result = await api.createInvite(this.subjectId, role);
		if (!result.ok) return result;
		const code = result.value.code;
		return { ok: true, value: { code, link: `${origin}/join#${encodeURIComponent(code)}`, expiresAt: toMillis(result.value.expiresAt) } };
	}

	/** Removes a collaborator (owner only); their sockets close at once. Reloads the list. */
	async remove(accountId: string): Promise<ApiResult<unknown>> {
		const result = await api.removeMember(this.subjectId, accountId);
		// A list that cannot be reloaded shows its own status (offline, failed).
		if (result.ok) await this.load();
		return result;
	}
}
