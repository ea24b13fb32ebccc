/**
 * The collaborators of one subject, as the server lists them. The list lives on the server
 * only, so offline it cannot be shown: `status` says `offline` then (not "no collaborators"),
 * and `load()` again when the device is back online.
 */
import { api, toMillis, type ApiFailure, type ApiResult, type Role } from '../sync/api.ts';

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
	#failure = $state<ApiFailure | null>(null);

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

	/** Why the last load failed (other than offline). */
	get failure(): ApiFailure | null {
		return this.#failure;
	}

	/** Fetches the list. Keeps the last known list while offline. */
	async load(): Promise<void> {
		const result = await api.members(this.subjectId);
		if (result.ok) {
			this.#members = result.value.members;
			this.#status = 'ready';
			this.#failure = null;
		} else if (result.error === 'offline') {
			this.#status = this.#status === 'ready' ? 'ready' : 'offline';
		} else {
			this.#status = 'failed';
			this.#failure = result;
		}
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
		if (result.ok) await this.load();
		return result;
	}
}
