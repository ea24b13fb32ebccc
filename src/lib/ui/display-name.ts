/** The localized message for a display name a form refuses (PRES-5), or null when it is accepted. */
import { readDisplayName, type DisplayNameProblem } from '../domain/presence/presence.ts';
import { m } from '../i18n/paraglide/messages.js';

const MESSAGES: Record<DisplayNameProblem, () => string> = {
	missing: () => m.display_name_missing(),
	'too-long': () => m.display_name_too_long(),
	invalid: () => m.display_name_invalid()
};

export function displayNameProblem(raw: string): string | null {
	const read = readDisplayName(raw);
	return read.ok ? null : MESSAGES[read.problem]();
}
