/**
 * The smallest single splice that turns one string into another (common prefix and suffix
 * kept). Binding an <input> to a Y.Text with it keeps concurrent edits elsewhere in the text.
 */
export interface Splice {
	index: number;
	remove: number;
	insert: string;
}

export function spliceBetween(before: string, after: string): Splice | null {
	if (before === after) return null;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let end = 0;
	while (
		end < max - start &&
		before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
	) {
		end++;
	}
	// Never split a UTF-16 surrogate pair (e.g. rare CJK extension characters, emoji).
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where a caret at `position` belongs after `splice` was applied underneath it (a collaborator's
 * edit): after an edit before it, moved by the length change; inside a removed range, at the end
 * of what replaced it; at or after the caret, unchanged — so one's own typing goes on where it was.
 */
export function caretAfterSplice(position: number, splice: Splice | null): number {
	if (!splice || position <= splice.index) return position;
	if (position < splice.index + splice.remove) return splice.index + splice.insert.length;
	return position - splice.remove + splice.insert.length;
}
