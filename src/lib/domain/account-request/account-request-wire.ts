/**
 * The wire contract of account requests, legacy imports, password retrieval and the inbox
 * (issue 12), shared by the server and the app. Requests hang on the account (no subject).
 *
 * | Route | Body | Answer |
 * |---|---|---|
 * | `PUT /api/account-requests/:requestId` | `{ request: AccountRequest }` (claim or e-mail initialization) | 201 new / 200 same body again or a revision after a rejection: `{ request: AccountRequestView }`; 422 `account-request-invalid` (issues), `document-missing`, `legacy-filing-not-found`; 409 `account-request-in-review`, `account-request-decided`, `account-request-id-taken`, `legacy-already-attached`; 400 `kind-not-an-order` for `legacy-import` (use `/api/legacy-imports`) |
 * | `GET /api/account-requests` | — | 200 `{ requests: AccountRequestView[] }` |
 * | `POST /api/legacy-imports` | `{ loginId, password }` | 200 `{ subjectId, imported: LegacyFilingView }`; 403 `legacy-login-wrong`; 429 `rate-limited`; 409 `legacy-other-subject`, `legacy-already-attached` |
 * | `GET /api/review/account-requests` | — | 200 `{ requests: AccountRequestView[] }` submitted ones, oldest first (reviewers) |
 * | `GET /api/review/account-requests/:requestId/documents/:sha256` | — | 200 the bytes of a document the request references, uploaded by its account (reviewers only, STAFF-3); 404 `not-found` |
 * | `POST /api/review/account-requests/:requestId/decisions` | `{ action: 'approve' \| 'reject', reasons? }` | 200 `{ request: AccountRequestView }`; 409 `transition-not-allowed`; 422 `invalid-input` (a rejection without reasons) |
 * | `POST /api/password-resets` | `{ email }` or `{ loginId }` | 202 always (no answer tells whether the address is known) |
 * | `POST /api/password-resets/confirm` | `{ token, password }` | 204; 410 `reset-link-invalid` (unknown, used or expired) |
 * | `GET /api/inbox` | — | 200 `{ items: InboxItemView[] }` newest first (NOTE-1, NOTE-2); 403 for reviewer accounts |
 * | `POST /api/inbox/read` | `{ ids }` (1–100 of the account's item ids) | 200 `{ items: InboxItemView[] }` as after the marks; idempotent (an item read stays read at its first time, other ids change nothing, NOTE-3); 403 for reviewer accounts |
 *
 * LEG-1: the 1–2 business-day review target is `target: { earliest, latest }` (dates on the
 * business-day calendar after the submission day) in every view, for both sides.
 */
import { z } from 'zod/mini';
import { ReviewReasonSchema } from '../review/review.ts';
import { AccountRequestSchema } from './account-request.ts';

export const ACCOUNT_REQUEST_BODY_MAX_BYTES = 64 * 1024;
/** Review target in business days after the submission day (LEG-1). */
export const ACCOUNT_REQUEST_TARGET_DAYS = { earliest: 1, latest: 2 } as const;
/** How long a password-retrieval link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

export const PutAccountRequestBodySchema = z.object({ request: AccountRequestSchema });

export const LegacyImportBodySchema = z.object({
	loginId: z.string().check(z.minLength(1), z.maxLength(100)),
	password: z.string().check(z.minLength(1), z.maxLength(256))
});

export const AccountRequestDecisionBodySchema = z.object({
	action: z.enum(['approve', 'reject']),
	reasons: z.optional(z.array(ReviewReasonSchema).check(z.maxLength(50)))
});
export type AccountRequestDecisionBody = z.infer<typeof AccountRequestDecisionBodySchema>;

export const PasswordResetBodySchema = z.union([
	z.object({ email: z.string().check(z.minLength(3), z.maxLength(254)) }),
	z.object({ loginId: z.string().check(z.minLength(1), z.maxLength(100)) })
]);

export const PasswordResetConfirmBodySchema = z.object({
	token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,100}$/)),
	password: z.string().check(z.minLength(8), z.maxLength(256))
});

export const ReviewTargetSchema = z.object({ earliest: z.iso.date(), latest: z.iso.date() });

export const LegacyFilingViewSchema = z.object({
	subjectName: z.string(),
	subjectType: z.string(),
	subjectNumber: z.string(),
	province: z.string(),
	websites: z.array(z.object({ domain: z.string(), name: z.string(), number: z.string() }))
});
export type LegacyFilingView = z.infer<typeof LegacyFilingViewSchema>;

export const AccountRequestViewSchema = z.object({
	requestId: z.string(),
	kind: z.enum(['claim', 'email-initialization']),
	revision: z.number(),
	status: z.enum(['submitted', 'approved', 'rejected']),
	submittedAt: z.iso.datetime({ offset: true }),
	target: ReviewTargetSchema,
	request: AccountRequestSchema,
	decision: z.nullable(z.object({ action: z.enum(['approve', 'reject']), reasons: z.array(ReviewReasonSchema), at: z.iso.datetime({ offset: true }) })),
	/** The filing the request is about, as the registry shows it (nothing personal). */
	filing: LegacyFilingViewSchema
});
export type AccountRequestView = z.infer<typeof AccountRequestViewSchema>;

export const InboxItemViewSchema = z.object({
	id: z.string(),
	at: z.iso.datetime({ offset: true }),
	/** An account request's decision, or one on an order of a subject the account is a member of. */
	about: z.enum(['account-request', 'order']),
	/** The request id or the order id. */
	refId: z.string(),
	/** The desk's action, or the server's own event (`sms-timeout`, `expire`) for orders. */
	action: z.string(),
	reasons: z.array(ReviewReasonSchema),
	/** When the account marked it read; null while unread. */
	readAt: z.nullable(z.iso.datetime({ offset: true }))
});
export type InboxItemView = z.infer<typeof InboxItemViewSchema>;

/** How many item ids one mark-read call takes. */
export const INBOX_READ_MAX_IDS = 100;

export const InboxReadBodySchema = z.object({
	ids: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(INBOX_READ_MAX_IDS))
});
export type InboxReadBody = z.infer<typeof InboxReadBodySchema>;

export const InboxResponseSchema = z.object({ items: z.array(InboxItemViewSchema) });
