/**
 * Field bounds (ROOM-6): the hard limits of a workspace text field, from the layout's constants.
 * The app applies {@link boundText} before it writes to the Y.Doc, so an honest client never
 * sends what the room refuses; the room checks the same bounds with {@link textBoundIssues} and
 * drops an update that breaks one. The domain rules (TEXT-1..4, SUBJ, NAME …) still run live
 * on what is kept and say what is missing or wrong; bounds only refuse what can never be filed:
 * too long, control or invisible characters, line breaks in a one-line field, and `<` / `>`
 * (markup: filing data is printed on forms and shown to reviewers).
 */
import { issue, type Issue } from '../result.ts';
import type { TextFieldSpec } from './layout.ts';

function isForbidden(code: number, multiline: boolean): boolean {
	if (code === 10 || code === 13) return !multiline;
	if (code === 9) return !multiline;
	if (code < 32 || (code >= 0x7f && code <= 0x9f)) return true;
	if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff) return true;
	if (code === 0x2028 || code === 0x2029) return !multiline;
	return code === 0x3c || code === 0x3e;
}

/** The first forbidden character's kind in `text`, or null. Scans at most `limit` characters. */
function firstForbidden(text: string, multiline: boolean, limit: number): 'markup' | 'control' | null {
	const end = Math.min(text.length, limit);
	for (let i = 0; i < end; i += 1) {
		const code = text.charCodeAt(i);
		if (isForbidden(code, multiline)) return code === 0x3c || code === 0x3e ? 'markup' : 'control';
	}
	return null;
}

/**
 * What the app may write for `input`: forbidden characters removed, then cut at the field's
 * maximum. `issues` says what was refused (TEXT-1 characters, TEXT-2 markup, TEXT-3 length), so
 * the person is told; empty when `text === input`.
 */
export function boundText(spec: TextFieldSpec, input: string, path: readonly (string | number)[] = []): { text: string; issues: Issue[] } {
	const issues: Issue[] = [];
	let text = input;
	const kind = firstForbidden(text, spec.multiline, text.length);
	if (kind !== null) {
		let kept = '';
		let markup = false;
		let control = false;
		for (let i = 0; i < text.length; i += 1) {
			const code = text.charCodeAt(i);
			if (!isForbidden(code, spec.multiline)) kept += text[i];
			else if (code === 0x3c || code === 0x3e) markup = true;
			else control = true;
		}
		text = kept;
		if (control) issues.push(issue('TEXT-1', 'error', { path }));
		if (markup) issues.push(issue('TEXT-2', 'error', { path }));
	}
	if (text.length > spec.max) {
		issues.push(issue('TEXT-3', 'error', { path, params: { max: spec.max, length: text.length } }));
		text = cutAt(text, spec.max);
	}
	return { text, issues };
}

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
	const cut = text.slice(0, max);
	const last = cut.charCodeAt(cut.length - 1);
	return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** The bound issues of a stored text (empty when within bounds). Never throws. */
export function textBoundIssues(spec: TextFieldSpec, text: string, path: readonly (string | number)[] = []): Issue[] {
	const issues: Issue[] = [];
	if (text.length > spec.max) issues.push(issue('TEXT-3', 'error', { path, params: { max: spec.max, length: text.length } }));
	const kind = firstForbidden(text, spec.multiline, spec.max + 1);
	if (kind === 'control') issues.push(issue('TEXT-1', 'error', { path }));
	if (kind === 'markup') issues.push(issue('TEXT-2', 'error', { path }));
	return issues;
}
