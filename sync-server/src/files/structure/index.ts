/**
 * Structure checks for every accepted upload type, chosen by the type its magic bytes name
 * (`sniffMime`). Each reads the file to its format's end marker and refuses what is cut off,
 * malformed, or followed by anything (a JPEG with HTML behind its EOI, a PNG with a ZIP behind
 * its IEND). Pure: bytes in, a verdict out — streamed chunk by chunk (`structureCheck`) or as
 * one buffer (`checkStructure`). The bytes are never changed: their SHA-256 is the document.
 */
import type { BlobMime } from '../../storage/blob-store.ts';
import { jpegCheck } from './jpeg.ts';
import { pdfCheck } from './pdf.ts';
import { pngCheck } from './png.ts';
import type { StructureCheck, StructureVerdict } from './verdict.ts';

export type { StructureCheck, StructureProblem, StructureVerdict } from './verdict.ts';

const CHECKS: Record<BlobMime, () => StructureCheck> = {
	'image/jpeg': jpegCheck,
	'image/png': pngCheck,
	'application/pdf': pdfCheck
};

/** A fresh streaming check for one file of this type. */
export function structureCheck(mime: BlobMime): StructureCheck {
	return CHECKS[mime]();
}

/** The verdict on a whole file held in memory. */
export function checkStructure(mime: BlobMime, bytes: Uint8Array): StructureVerdict {
	const check = structureCheck(mime);
	check.push(bytes);
	return check.end();
}
