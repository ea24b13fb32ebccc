/**
 * Subjects and who may work on them: binding an account's one subject (keyed on the domain's
 * canonical certificate, never on anything read from a Y.Doc), the `/me` view, and members.
 * Invites live in `invite-service.ts`.
 */
import { certificateKey, normalizeCertificate, type CanonicalCertificate } from '../../../src/lib/domain/identity/certificate-number.ts';
import { isCertificateType } from '../../../src/lib/domain/identity/certificate-type.ts';
import { acceptsCertificate, type SubjectType } from '../../../src/lib/domain/subject/subject-type.ts';
import { factsRoomOf, workspaceRoomOf } from '../../../src/lib/domain/workspace/room.ts';
import type { Role } from '../access/access.ts';
import type { Logger } from '../log.ts';
import type { MemberRecord } from '../storage/records/membership-store.ts';
import type { Records } from '../storage/records/records.ts';
import type { SubjectRecord } from '../storage/records/subject-store.ts';
import { fail, FORBIDDEN, succeed, type Outcome } from './outcome.ts';
import type { Revocations } from './revocations.ts';
import { newId } from './secrets.ts';

export interface SubjectServiceOptions {
	/** Reads accounts, subjects and memberships; binds through `Records.bindSubject` (subject and owner membership in one step). */
	records: Pick<Records, 'accounts' | 'subjects' | 'memberships' | 'bindSubject'>;
	revocations: Revocations;
	logger: Logger;
	now: () => number;
	/** Called once a subject is bound (writes the binding into its facts room); awaited, failures logged. */
	onSubjectBound: (subject: SubjectRecord) => Promise<void>;
}

export interface BindSubjectInput {
	readonly subjectType: SubjectType;
	readonly certificateType: string;
	readonly certificateNumber: string;
	/** Already trimmed and free of control characters (checked at the HTTP boundary). */
	readonly name: string;
}

export interface SubjectView {
	readonly id: string;
	readonly subjectType: string;
	readonly certificateType: string;
	readonly certificateNumber: string;
	readonly name: string;
	readonly workspaceRoom: string;
	readonly factsRoom: string;
}

export interface MembershipView {
	readonly subjectId: string;
	readonly role: Role;
	readonly subjectName: string;
	readonly workspaceRoom: string;
	readonly factsRoom: string;
}

export interface MeView {
	readonly account: { readonly id: string; readonly email: string; readonly displayName: string };
	readonly subject: SubjectView | null;
	readonly memberships: MembershipView[];
}

export function subjectView(s: SubjectRecord): SubjectView {
	return {
		id: s.id,
		subjectType: s.subjectType,
		certificateType: s.certificateType,
		certificateNumber: s.certificateNumber,
		name: s.name,
		workspaceRoom: workspaceRoomOf(s.id),
		factsRoom: factsRoomOf(s.id)
	};
}

export class SubjectService {
	#options: SubjectServiceOptions;

	constructor(options: SubjectServiceOptions) {
		this.#options = options;
	}

	/**
	 * Re-keys every stored subject with the current `certificateKey` (CERT-9 changed it: USCC
	 * aliases now share `org:<code>`). Run once at start-up, before requests; idempotent. Subjects
	 * that were bound twice under aliases before keep working; the later ones are logged.
	 */
	async rekeyStoredSubjects(): Promise<void> {
		const { records, logger } = this.#options;
		const { rekeyed, duplicates } = await records.subjects.rekey((s) => certificateKey({ type: s.certificateType as CanonicalCertificate['type'], number: s.certificateNumber }));
		if (rekeyed.length > 0) logger.log('info', 'subjects re-keyed', { rekeyed: rekeyed.length });
		if (duplicates.length > 0) logger.log('warn', 'subjects bound twice under certificate aliases', { subjectIds: duplicates });
	}

	/** The signed-in account, its own subject and every membership (its own as owner). */
	async me(accountId: string): Promise<MeView | null> {
		const { records } = this.#options;
		const account = await records.accounts.byId(accountId);
		if (!account) return null;
		const [subject, memberships] = await Promise.all([records.subjects.ownedBy(accountId), records.memberships.ofAccount(accountId)]);
		return {
			account: { id: account.id, email: account.email, displayName: account.displayName },
			subject: subject ? subjectView(subject) : null,
			memberships: memberships.map((m) => ({ ...m, workspaceRoom: workspaceRoomOf(m.subjectId), factsRoom: factsRoomOf(m.subjectId) }))
		};
	}

	/** Binds the account's one subject (SUBJ-1 and the certificate rules decide validity). */
	async bind(accountId: string, input: BindSubjectInput): Promise<Outcome<SubjectView>> {
		const { records, now, logger, onSubjectBound } = this.#options;
		if (isCertificateType(input.certificateType) && !acceptsCertificate(input.subjectType, input.certificateType)) {
			const issue = { rule: 'SUBJ-1', path: ['certificateType'], severity: 'error', params: { type: input.subjectType, certificate: input.certificateType } };
			return fail(400, 'invalid-certificate', 'This subject type does not accept this certificate type', { issues: [issue] });
		}
		const canonical = normalizeCertificate(input.certificateType, input.certificateNumber);
		if (!canonical.ok) return fail(400, 'invalid-certificate', 'The certificate number is not valid', { issues: canonical.issues });
		if (await records.subjects.ownedBy(accountId)) return fail(409, 'account-has-subject', 'This account already has a subject');
		const record: SubjectRecord = {
			id: newId(),
			subjectType: input.subjectType,
			certificateType: canonical.value.type,
			certificateNumber: canonical.value.number,
			certificateKey: certificateKey(canonical.value),
			name: input.name,
			ownerAccountId: accountId,
			createdAt: now()
		};
		const outcome = await records.bindSubject(record);
		if (outcome === 'account-has-subject') return fail(409, 'account-has-subject', 'This account already has a subject');
		if (outcome === 'subject-bound-elsewhere') return fail(409, 'subject-bound-elsewhere', 'This subject is bound to another account');
		logger.log('info', 'subject bound', { accountId, subjectId: record.id });
		await onSubjectBound(record).catch((error: unknown) => logger.log('error', 'writing binding facts failed', { subjectId: record.id, error: String(error) }));
		return succeed(subjectView(record));
	}

	/** Every member of a subject; only members may look. */
	async members(accountId: string, subjectId: string): Promise<Outcome<MemberRecord[]>> {
		const { memberships } = this.#options.records;
		if ((await memberships.roleOf(accountId, subjectId)) === null) return { ok: false, failure: FORBIDDEN };
		return succeed(await memberships.ofSubject(subjectId));
	}

	/** Changes another member's role (owner only; the owner's own role is fixed). */
	async changeRole(ownerId: string, target: { subjectId: string; accountId: string; role: Exclude<Role, 'owner'> }): Promise<Outcome<MemberRecord>> {
		const { records, revocations } = this.#options;
		const check = await this.#ownerActingOnOther(ownerId, target);
		if (!check.ok) return check;
		if (!(await records.memberships.setRole(target.subjectId, target.accountId, target.role))) return memberNotFound();
		revocations.changeRole({ accountId: target.accountId, subjectId: target.subjectId, role: target.role });
		const member = (await records.memberships.ofSubject(target.subjectId)).find((m) => m.accountId === target.accountId);
		return member ? succeed(member) : memberNotFound();
	}

	/** Removes a member (owner only); their open sockets for this subject close at once. */
	async removeMember(ownerId: string, target: { subjectId: string; accountId: string }): Promise<Outcome<null>> {
		const { records, revocations, logger } = this.#options;
		const check = await this.#ownerActingOnOther(ownerId, target);
		if (!check.ok) return check;
		if (!(await records.memberships.remove(target.subjectId, target.accountId))) return memberNotFound();
		revocations.revoke({ kind: 'membership', accountId: target.accountId, subjectId: target.subjectId });
		logger.log('info', 'member removed', { subjectId: target.subjectId, accountId: target.accountId });
		return succeed(null);
	}

	async #ownerActingOnOther(ownerId: string, target: { subjectId: string; accountId: string }): Promise<Outcome<null>> {
		if ((await this.#options.records.memberships.roleOf(ownerId, target.subjectId)) !== 'owner') return { ok: false, failure: FORBIDDEN };
		if (target.accountId === ownerId) return fail(409, 'owner-role-fixed', "The owner's own membership cannot be changed");
		return succeed(null);
	}
}

function memberNotFound<T>(): Outcome<T> {
	return fail(404, 'member-not-found', 'This account is not a member of the subject');
}
