/**
 * What a structure check says about a whole file, and the streaming shape every check has:
 * `push` the bytes in order (any chunking), then `end`. A check stops looking at bytes once it
 * has refused them, never copies more than a few bytes, and never changes or re-encodes them.
 */

export type StructureProblem =
	/** The file ends before its format says it does (a cut-off upload, a huge declared length). */
	| 'truncated'
	/** Bytes after the format's end marker (HTML, ZIP or anything else appended). */
	| 'trailing-data'
	/** The bytes break the format's rules (bad CRC, chunk order, marker, length). */
	| 'malformed';

export type StructureVerdict = { readonly ok: true } | { readonly ok: false; readonly problem: StructureProblem; readonly detail: string };

export interface StructureCheck {
	/** Feeds the next bytes; ignored once the check has refused the file. */
	push(chunk: Uint8Array): void;
	/** The verdict on all bytes pushed so far, as the whole file. */
	end(): StructureVerdict;
}

export const ACCEPTED: StructureVerdict = { ok: true };

export function refused(problem: StructureProblem, detail: string): StructureVerdict {
	return { ok: false, problem, detail };
}
