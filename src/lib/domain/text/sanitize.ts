/**
 * Free-text field rules (TEXT-1..4): names, addresses, remarks. Text is never silently
 * rewritten — the person is told what to remove. Markup is refused because filing data is
 * printed on forms and shown to reviewers (DESIGN.md §5: "strings with markup or control
 * characters" get a clear error).
 */
import { issue, type Issue } from '../result.ts';

export interface FreeTextOptions {
	/** Field path for the issues. */
	readonly path?: readonly (string | number)[];
	/** Maximum length in characters (code points). */
	readonly max?: number;
	/** Whether an empty (or whitespace-only) value is an error. */
	readonly required?: boolean;
	/** Whether line breaks are allowed (remarks). */
	readonly multiline?: boolean;
}

/** C0/C1 controls and DEL (tab, CR, LF excepted), zero-width, bidi controls and BOM. */
function hasControl(text: string): boolean {
	for (let i = 0; i < text.length; i += 1) {
		const c = text.charCodeAt(i);
		if (c === 9 || c === 10 || c === 13) continue;
		if (c < 32 || (c >= 0x7f && c <= 0x9f)) return true;
		if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) return true;
	}
	return false;
}

const LINE_BREAK = /[\r\n\t\u2028\u2029]/u;
const MARKUP = /<\/?[a-z!?][^>]*>|&#?[a-z0-9]+;|javascript\s*:|\bon[a-z]+\s*=/iu;

/** Checks one free-text value; returns its issues (empty when fine). Never throws. */
export function checkFreeText(value: unknown, options: FreeTextOptions = {}): Issue[] {
	const path = options.path ?? [];
	const text = typeof value === 'string' ? value : '';
	if (text.trim() === '') return options.required ? [issue('TEXT-4', 'error', { path })] : [];
	const issues: Issue[] = [];
	const max = options.max;
	if (max !== undefined && text.length > max) {
		issues.push(issue('TEXT-3', 'error', { path, params: { max, length: text.length } }));
	}
	// Scan a bounded prefix: a value over the limit is already refused by TEXT-3.
	const sample = max !== undefined ? text.slice(0, max + 1) : text.slice(0, 100_000);
	if (hasControl(sample) || (!options.multiline && LINE_BREAK.test(sample))) {
		issues.push(issue('TEXT-1', 'error', { path }));
	}
	if (MARKUP.test(sample)) issues.push(issue('TEXT-2', 'error', { path }));
	return issues;
}
