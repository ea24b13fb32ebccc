/**
 * The parts of an order the applicant adds while sending (ORDER-2, ORDER-3), apart from the
 * order schema so the workspace layout can use them without loading the whole order.
 */
import { z } from 'zod/mini';
import { CANCELLATION_REASON_CODES, CANCELLATION_REASON_TEXT_MAX } from '../operation/cancellation.ts';

/** Most acknowledged warnings one order carries. */
export const ACKNOWLEDGMENTS_MAX = 100;

/** One warning the applicant acknowledged before sending (ORDER-2): the rule, who (account id), when. */
export const AcknowledgedWarningSchema = z.object({
	rule: z.string().check(z.minLength(1), z.maxLength(32)),
	by: z.string().check(z.minLength(1), z.maxLength(64)),
	at: z.iso.datetime({ offset: true })
});
export type AcknowledgedWarning = z.infer<typeof AcknowledgedWarningSchema>;

export const AcknowledgedWarningsSchema = z.array(AcknowledgedWarningSchema).check(z.maxLength(ACKNOWLEDGMENTS_MAX));

/** Why a cancellation is asked for (ORDER-3). */
export const CancellationReasonSchema = z.object({
	code: z.enum(CANCELLATION_REASON_CODES),
	text: z.optional(z.string().check(z.maxLength(CANCELLATION_REASON_TEXT_MAX)))
});
export type CancellationReason = z.infer<typeof CancellationReasonSchema>;
