/**
 * The stores of account requests and legacy filings (issue 12): legacy subjects with their
 * optional HiChina login, account requests (claims, e-mail initializations) with immutable
 * revisions, single-use password-reset tokens (stored as their SHA-256 only) and the per-account
 * inbox with its read marks. Contracts LEG-S1..S9 (`../README.md`). Plain rows; every decision is made by
 * `legacy/legacy-desk.ts`. Each store guarantees its own uniqueness rules atomically.
 */

export interface LegacyWebsite {
	readonly domain: string;
	readonly name: string;
	/** The website's filing number, e.g. `浙ICP备12345678号-1`. */
	readonly number: string;
}

export interface LegacyLogin {
	/** The old platform's login ID, case-folded (unique). */
	readonly loginId: string;
	readonly email: string;
	/** scrypt PHC string (`accounts/passwords.ts`); never the password itself. */
	readonly passwordHash: string;
}

export interface LegacySubjectRecord {
	readonly id: string;
	/** Null for a filing no login holds: a claimable one. */
	readonly login: LegacyLogin | null;
	readonly subjectType: string;
	readonly certificateType: string;
	readonly certificateNumber: string;
	readonly name: string;
	readonly province: string;
	/** The subject's filing number (`浙ICP备12345678号`). */
	readonly subjectNumber: string;
	readonly filedOn: string;
	readonly websites: readonly LegacyWebsite[];
	/** True for the embedded demo dataset. */
	readonly demo: boolean;
	/** The Beian account and subject it was imported into or claimed by, once. */
	readonly attachedTo: { readonly accountId: string; readonly subjectId: string; readonly at: number } | null;
}

export type AddLegacyOutcome = 'added' | 'id-taken' | 'login-taken' | 'number-taken';

export interface LegacySubjectStore {
	/** Adds a legacy subject unless its id, login ID, subject number or a website number is taken (LEG-S1). */
	add(record: LegacySubjectRecord): Promise<AddLegacyOutcome>;
	byId(id: string): Promise<LegacySubjectRecord | null>;
	byLoginId(loginId: string): Promise<LegacySubjectRecord | null>;
	/** Subjects whose login e-mail is `email` (case-insensitive). */
	byLoginEmail(email: string): Promise<LegacySubjectRecord[]>;
	/** The subject with a website on `domain` or with the filing number `number` (subject or website), attached or not. */
	find(query: { domain?: string; number?: string }): Promise<LegacySubjectRecord | null>;
	/** Attaches a subject to an account once (LEG-S2): `taken` when already attached, `not-found` when unknown. */
	attach(id: string, to: { accountId: string; subjectId: string; at: number }): Promise<'attached' | 'taken' | 'not-found'>;
	/** Replaces the login's e-mail (LEG-S3); false when the subject has no login. */
	setLoginEmail(id: string, email: string): Promise<boolean>;
	/** Replaces the login's password hash; false when no login has this ID. */
	setLoginPassword(loginId: string, passwordHash: string): Promise<boolean>;
	/** Removes the demo dataset's subjects that nobody attached (the demo flag turned off). */
	removeUnattachedDemo(): Promise<number>;
}

/** A reviewer's reason: the field path in the request, a `REVIEW_REASON_CODES` code, an optional note. */
export interface DecisionReason {
	readonly path: readonly (string | number)[];
	readonly code: string;
	readonly note?: string;
}

export type AccountRequestStatus = 'submitted' | 'approved' | 'rejected';

export interface AccountRequestDecision {
	readonly action: 'approve' | 'reject';
	readonly reasons: readonly DecisionReason[];
	readonly by: string;
	readonly at: number;
}

export interface AccountRequestRecord {
	readonly requestId: string;
	readonly accountId: string;
	readonly kind: string;
	readonly revision: number;
	readonly status: AccountRequestStatus;
	/** The request as sent (JSON of the domain's `AccountRequestSchema`). */
	readonly body: string;
	/** SHA-256 of the canonical body: the same body again is the same revision. */
	readonly hash: string;
	/** The legacy subject the request is about (the claimed filing, the login to re-address). */
	readonly legacyId: string;
	readonly submittedAt: number;
	readonly decision: AccountRequestDecision | null;
}

export type PutAccountRequestOutcome =
	| { readonly outcome: 'created' | 'unchanged' | 'revised'; readonly record: AccountRequestRecord }
	| { readonly outcome: 'in-review' | 'decided' | 'id-taken'; readonly record: AccountRequestRecord };

export interface AccountRequestStore {
	/**
	 * Stores a request (LEG-S4): a new id is revision 1; the same hash again changes nothing; a new
	 * body after a rejection is the next revision, submitted again; a new body while submitted is
	 * `in-review`, after an approval `decided`; another account's id is `id-taken`. Atomic.
	 */
	put(request: Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'>): Promise<PutAccountRequestOutcome>;
	get(requestId: string): Promise<AccountRequestRecord | null>;
	ofAccount(accountId: string): Promise<AccountRequestRecord[]>;
	/** Every submitted request, oldest first (the reviewers' queue). */
	pending(): Promise<AccountRequestRecord[]>;
	/** Records a decision on a submitted revision once (LEG-S5): `stale` when another revision or a decision came first. */
	decide(requestId: string, revision: number, decision: AccountRequestDecision): Promise<'decided' | 'stale'>;
}

export type ResetTarget = { readonly kind: 'account'; readonly accountId: string } | { readonly kind: 'legacy'; readonly loginId: string };

export interface ResetTokenStore {
	add(token: { tokenHash: string; target: ResetTarget; createdAt: number; expiresAt: number }): Promise<void>;
	/** Uses a token once (LEG-S6): its target when unused and not expired at `now`, else null; a used token stays used. */
	consume(tokenHash: string, now: number): Promise<ResetTarget | null>;
}

export interface InboxItem {
	readonly id: string;
	readonly accountId: string;
	readonly at: number;
	/** What was decided: an account request, or an order of a subject the account is a member of (NOTE-1, NOTE-2). */
	readonly about: 'account-request' | 'order';
	/** The request id or the order id. */
	readonly refId: string;
	/** The desk's action (`reject`, `approve-provider`, … for orders; `approve` / `reject` for requests) or the server's own event (`sms-timeout`, `expire`). */
	readonly action: string;
	readonly reasons: readonly DecisionReason[];
}

/** An item as listed: with when the account marked it read, or null while unread. */
export interface InboxEntry extends InboxItem {
	readonly readAt: number | null;
}

export interface InboxStore {
	add(item: InboxItem): Promise<void>;
	/** The account's items, newest first (LEG-S7). */
	ofAccount(accountId: string, limit: number): Promise<InboxEntry[]>;
	/**
	 * Marks the account's items with these ids read at `at` (LEG-S9): an item already read keeps
	 * its first time, another account's id or an unknown one changes nothing. Returns how many
	 * items turned read.
	 */
	markRead(accountId: string, ids: readonly string[], at: number): Promise<number>;
}

export interface LegacyRecords {
	readonly legacy: LegacySubjectStore;
	readonly requests: AccountRequestStore;
	readonly resetTokens: ResetTokenStore;
	readonly inbox: InboxStore;
}

/** Login IDs and e-mails compare case-insensitively. */
export function foldKey(value: string): string {
	return value.trim().normalize('NFC').toLowerCase();
}

/** The decision of `put` over the stored row (shared by both implementations, run atomically). */
export function planPut(existing: AccountRequestRecord | null, request: Omit<AccountRequestRecord, 'revision' | 'status' | 'decision'>): PutAccountRequestOutcome {
	if (!existing) return { outcome: 'created', record: { ...request, revision: 1, status: 'submitted', decision: null } };
	if (existing.accountId !== request.accountId) return { outcome: 'id-taken', record: existing };
	if (existing.hash === request.hash) return { outcome: 'unchanged', record: existing };
	if (existing.status === 'submitted') return { outcome: 'in-review', record: existing };
	if (existing.status === 'approved') return { outcome: 'decided', record: existing };
	return { outcome: 'revised', record: { ...request, revision: existing.revision + 1, status: 'submitted', decision: null } };
}

/** The filing numbers a legacy subject holds (subject number and every website's). */
export function numbersOf(record: LegacySubjectRecord): string[] {
	return [record.subjectNumber, ...record.websites.map((w) => w.number)];
}
