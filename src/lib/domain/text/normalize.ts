/**
 * Text normalisation shared by every parser in the domain core.
 *
 * People paste identifiers from Chinese input methods, PDFs and chat apps: full-width digits
 * (`１２３`), the ideographic space (U+3000), zero-width and bidi control characters. These helpers
 * turn such input into the plain form the format rules are written for. They never throw and
 * never change CJK characters or full-width punctuation such as `（）` (website names keep them).
 */

const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = '\u3000';

/** Full-width digits, letters and spaces (U+FF10–FF19, FF21–FF3A, FF41–FF5A, U+3000) → ASCII. */
export function toHalfWidth(s: string): string {
	return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g, (ch) =>
		ch === IDEOGRAPHIC_SPACE ? ' ' : String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET)
	);
}

/**
 * Every full-width printable ASCII character (U+FF01–FF5E, including `＠ － ＋ ． （ ）`) and the
 * ideographic space → ASCII. Use for machine identifiers (phone numbers, e-mail, domains,
 * certificate numbers), never for names that may legitimately contain full-width punctuation.
 */
export function toHalfWidthAscii(s: string): string {
	return s.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
		ch === IDEOGRAPHIC_SPACE ? ' ' : String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET)
	);
}

/**
 * Removes control characters (Unicode Cc: C0, DEL, C1 — tabs and newlines included) and
 * invisible format characters (Unicode Cf: zero-width space/joiners, BOM, bidi overrides, soft hyphen).
 */
export function stripControlChars(s: string): string {
	return s.replace(/[\p{Cc}\p{Cf}]/gu, '');
}

/** Removes every kind of whitespace, including NBSP and the ideographic space. */
export function stripWhitespace(s: string): string {
	return s.replace(/[\s\u3000]/g, '');
}

/** Longest raw input an identifier parser looks at; longer input is refused unread. */
export const MAX_IDENTIFIER_INPUT = 256;

/**
 * The canonical pre-parse form of a machine identifier: control characters stripped, full-width
 * ASCII folded, all whitespace removed. Non-strings and input longer than `maxLength` (default
 * {@link MAX_IDENTIFIER_INPUT}) become `undefined` so parsers can refuse them cheaply.
 */
export function compactIdentifier(input: unknown, maxLength: number = MAX_IDENTIFIER_INPUT): string | undefined {
	if (typeof input !== 'string' || input.length > maxLength) return undefined;
	return stripWhitespace(toHalfWidthAscii(stripControlChars(input)));
}
