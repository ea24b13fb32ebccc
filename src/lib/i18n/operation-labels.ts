/**
 * The operation kinds in words (办理类型), one property access per kind: a screen that only needs
 * these (the start page) does not pull in the whole message catalogue, as the look-up by name in
 * `document-text.ts` does.
 */
import type { OperationKind } from '../domain/operation/operation-kind.ts';
import { m } from './paraglide/messages.js';

const OPERATION_LABELS: Record<OperationKind, () => string> = {
	'first-filing': () => m.slots_operation_first_filing(),
	'new-website-subject-elsewhere': () => m.slots_operation_new_website_subject_elsewhere(),
	'new-website': () => m.slots_operation_new_website(),
	'new-access-subject-elsewhere': () => m.slots_operation_new_access_subject_elsewhere(),
	'new-access': () => m.slots_operation_new_access(),
	'change-subject': () => m.slots_operation_change_subject(),
	'change-website': () => m.slots_operation_change_website(),
	'change-access': () => m.slots_operation_change_access(),
	'cancel-subject': () => m.slots_operation_cancel_subject(),
	'cancel-website': () => m.slots_operation_cancel_website(),
	'cancel-access': () => m.slots_operation_cancel_access(),
	claim: () => m.slots_operation_claim(),
	'legacy-import': () => m.slots_operation_legacy_import(),
	'email-initialization': () => m.slots_operation_email_initialization()
};

export function operationLabel(kind: OperationKind): string {
	return OPERATION_LABELS[kind]?.() ?? kind;
}
