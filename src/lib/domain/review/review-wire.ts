/**
 * The review desk's wire contract (issue 12), shared by the server and the reviewer console.
 *
 * | Route | Body | Answer |
 * |---|---|---|
 * | `GET /api/review/me` | — | 200 `{ account, reviewer, mustChangePassword }` (`reviewer: false` for an applicant) |
 * | `POST /api/review/password` | `{ currentPassword, newPassword }` | 204; 401 wrong current password |
 * | `GET /api/review/orders?state=&province=&kind=` | — | 200 `{ items: ReviewQueueItem[] }` by deadline |
 * | `GET /api/review/orders/:orderId` | — | 200 `ReviewOrderView` |
 * | `POST /api/review/orders/:orderId/decisions` | `ReviewDecisionRequest` | 200 `{ summary, approved }`; 409 `transition-not-allowed`; 422 `service-code-invalid` |
 * | `GET /api/review/orders/:orderId/documents/:sha256` | — | the bytes of a document the order references |
 * | `GET /api/review/service-codes` / `POST …` `{ codes?, count? }` | | 200 `{ codes }` / 201 `{ added, existing }` |
 * | `GET /api/registry?q=` | — | 200 `{ results: RegistryLine[] }` (no account; rate limited per IP) |
 *
 * Every other reviewer route answers 401 signed out, 403 `forbidden` for an account that is not a
 * reviewer, and 403 `password-change-required` until the one-time password was replaced.
 */
import { z } from 'zod/mini';
import { ORDER_STATUSES } from '../lifecycle/order-state.ts';
import { ORDER_KINDS } from '../operation/operation-kind.ts';
import { PROVINCE_CODES } from '../province/provinces.ts';
import { ReviewReasonSchema } from './review.ts';

/** Decision actions and the lifecycle event each one is (REV-5). */
export const REVIEW_ACTIONS = {
	reject: 'provider-reject',
	'approve-provider': 'provider-approve',
	'record-miit-submission': 'submit-to-miit',
	'record-sms-verified': 'sms-verified',
	'record-sms-wrong-code': 'sms-wrong-code',
	'approve-administration': 'administration-approve',
	'reject-administration': 'administration-reject'
} as const;

export type ReviewAction = keyof typeof REVIEW_ACTIONS;
export const REVIEW_ACTION_NAMES = Object.keys(REVIEW_ACTIONS) as ReviewAction[];

/** Actions that need at least one reason (REV-1). */
export const REJECTING_ACTIONS: readonly ReviewAction[] = ['reject', 'reject-administration'];

export const ReviewDecisionRequestSchema = z.object({
	action: z.enum(REVIEW_ACTION_NAMES as [ReviewAction, ...ReviewAction[]]),
	reasons: z.optional(z.array(ReviewReasonSchema).check(z.maxLength(100)))
});
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
	currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
	newPassword: z.string().check(z.minLength(8), z.maxLength(256))
});

export const ReviewQueryStateSchema = z.optional(z.union([z.enum(ORDER_STATUSES), z.literal('all')]));
export const ReviewQueryProvinceSchema = z.optional(z.enum(PROVINCE_CODES));
export const ReviewQueryKindSchema = z.optional(z.enum(ORDER_KINDS));

export const ReviewQueueItemSchema = z.object({
	subjectId: z.string(),
	orderId: z.string(),
	kind: z.enum(ORDER_KINDS),
	status: z.enum(ORDER_STATUSES),
	province: z.enum(PROVINCE_CODES),
	subjectName: z.string(),
	submittedAt: z.string(),
	/** When the order entered its current status. */
	since: z.string(),
	/** Calendar days since `submittedAt` (China dates). */
	ageDays: z.int(),
	/** The step's deadline on the business-day calendar (China date), and the exact instant for the SMS window. */
	due: z.nullable(z.string()),
	dueAt: z.optional(z.string()),
	provisional: z.boolean()
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItemSchema>;

export const ReviewQueueResponseSchema = z.object({ items: z.array(ReviewQueueItemSchema) });

export const RegistryLineSchema = z.object({
	subjectName: z.string(),
	subjectType: z.string(),
	subjectNumber: z.string(),
	websiteName: z.nullable(z.string()),
	websiteNumber: z.nullable(z.string()),
	domain: z.nullable(z.string()),
	homeUrl: z.nullable(z.string()),
	approvedOn: z.string(),
	shellFiling: z.boolean()
});
export const RegistryResponseSchema = z.object({ results: z.array(RegistryLineSchema) });
export const REGISTRY_QUERY_MAX = 100;
export const REGISTRY_RESULTS_MAX = 50;
