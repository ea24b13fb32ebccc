/**
 * Invites: the owner creates a one-time code with a role and an expiry; a collaborator accepts
 * it with their own account. The code (160 random bits, base32) is shown once and stored only
 * as its SHA-256; using it and adding the membership is one transaction (`Records.acceptInvite`), so a code
 * works exactly once even when two people race for it. A code grants nothing without signing in.
 */
import { factsRoomOf, workspaceRoomOf } from '../../../src/lib/domain/workspace/room.ts';
import type { Logger } from '../log.ts';
import type { InviteRole } from '../storage/records/invite-store.ts';
import type { Records } from '../storage/records/records.ts';
import { fail, FORBIDDEN, succeed, type Outcome } from './outcome.ts';
import { hashSecret, newInviteCode } from './secrets.ts';

export const DEFAULT_INVITE_HOURS = 72;
export const MAX_INVITE_HOURS = 720;

export interface InviteServiceOptions {
	/** Checks roles, stores invites, accepts through `Records.acceptInvite` (used mark and membership in one step). */
	records: Pick<Records, 'memberships' | 'invites' | 'acceptInvite'>;
	logger: Logger;
	now: () => number;
}

export interface CreatedInvite {
	readonly code: string;
	readonly expiresAt: string;
	readonly role: InviteRole;
}

export interface AcceptedInvite {
	readonly subjectId: string;
	readonly role: InviteRole;
	readonly workspaceRoom: string;
	readonly factsRoom: string;
}

/** The code as typed or pasted: case, spaces and dashes do not matter. */
export function normalizeInviteCode(code: string): string {
	return code.toLowerCase().replace(/[\s-]/g, '');
}

export class InviteService {
	#options: InviteServiceOptions;

	constructor(options: InviteServiceOptions) {
		this.#options = options;
	}

	/** Creates an invite (owner only); `expiresInHours` is 1–720, default 72. */
	async create(ownerId: string, input: { subjectId: string; role: InviteRole; expiresInHours?: number }): Promise<Outcome<CreatedInvite>> {
		const { records, now, logger } = this.#options;
		if ((await records.memberships.roleOf(ownerId, input.subjectId)) !== 'owner') return { ok: false, failure: FORBIDDEN };
		const code = newInviteCode();
		const createdAt = now();
		const expiresAt = createdAt + (input.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3_600_000;
		await records.invites.create({
			codeHash: hashSecret(code),
			subjectId: input.subjectId,
			role: input.role,
			createdBy: ownerId,
			createdAt,
			expiresAt,
			usedAt: null,
			usedBy: null
		});
		logger.log('info', 'invite created', { subjectId: input.subjectId, role: input.role });
		return succeed({ code, expiresAt: new Date(expiresAt).toISOString(), role: input.role });
	}

	/** Accepts an invite for the signed-in account. */
	async accept(accountId: string, code: string): Promise<Outcome<AcceptedInvite>> {
		const { records, now, logger } = this.#options;
		const codeHash = hashSecret(normalizeInviteCode(code));
		const invite = await records.invites.byCodeHash(codeHash);
		if (!invite) return fail(404, 'invite-not-found', 'No such invite');
		if (invite.usedAt !== null) return fail(409, 'invite-used', 'This invite has been used');
		if (invite.expiresAt <= now()) return fail(410, 'invite-expired', 'This invite has expired');
		const outcome = await records.acceptInvite(codeHash, accountId, now());
		if (outcome === 'not-found') return fail(404, 'invite-not-found', 'No such invite');
		if (outcome === 'used') return fail(409, 'invite-used', 'This invite has been used');
		if (outcome === 'already-member') return fail(409, 'already-member', 'You are already a member of this subject');
		logger.log('info', 'invite accepted', { subjectId: invite.subjectId, accountId, role: invite.role });
		return succeed({
			subjectId: invite.subjectId,
			role: invite.role,
			workspaceRoom: workspaceRoomOf(invite.subjectId),
			factsRoom: factsRoomOf(invite.subjectId)
		});
	}
}
