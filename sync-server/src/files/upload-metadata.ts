/**
 * The tus `Upload-Metadata` header: comma-separated `key base64(value)` pairs. Beian's uploads
 * carry `sha256` (our fingerprint: the SHA-256 of the bytes), the holder — `subjectId` for a
 * subject's documents, or `holder` = `account` (and no `subjectId`) for an account request's
 * documents (claim, e-mail initialization), which the account holds before it has a subject —
 * `kind` and an optional `filename`. The server adds `account` (who created the upload)
 * itself, replacing whatever a client sent under that key.
 */
import { DOCUMENT_KINDS } from '../../../src/lib/domain/document/document-ref.ts';
import { isSubjectId } from '../../../src/lib/domain/workspace/room.ts';
import { isSha256 } from '../storage/blob-store.ts';

export interface UploadMetadata {
	readonly sha256: string;
	/** The subject the upload goes into; null when the uploading account holds it (`holder=account`). */
	readonly subjectId: string | null;
	readonly kind: string;
	readonly filename: string | null;
}

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_HEADER = 4096;
const MAX_FILENAME = 255;

/** Parses the header into pairs; null when it is malformed (never throws). */
export function parseMetadataHeader(header: string | undefined): Map<string, string> | null {
	const pairs = new Map<string, string>();
	if (header === undefined || header.trim() === '') return pairs;
	if (header.length > MAX_HEADER) return null;
	for (const item of header.split(',')) {
		const [key, value = '', ...rest] = item.trim().split(' ');
		if (!key || !KEY.test(key) || rest.length > 0 || !BASE64.test(value) || pairs.has(key)) return null;
		pairs.set(key, Buffer.from(value, 'base64').toString('utf8'));
	}
	return pairs;
}

const KINDS: ReadonlySet<string> = new Set(DOCUMENT_KINDS);

/** Beian's fields from parsed pairs; null when one is missing or malformed. */
export function readUploadMetadata(pairs: ReadonlyMap<string, string>): UploadMetadata | null {
	const sha256 = pairs.get('sha256');
	const holder = pairs.get('holder') ?? 'subject';
	const subjectId = holder === 'account' ? null : pairs.get('subjectId');
	const kind = pairs.get('kind');
	const filename = pairs.get('filename') ?? null;
	if (holder !== 'subject' && holder !== 'account') return null;
	if (holder === 'account' && pairs.has('subjectId')) return null;
	if (!isSha256(sha256) || (subjectId !== null && !isSubjectId(subjectId)) || kind === undefined || !KINDS.has(kind)) return null;
	if (filename !== null && (filename.length > MAX_FILENAME || hasControlCharacter(filename))) return null;
	return { sha256, subjectId, kind, filename };
}

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** Reads the tus-store metadata of a staged upload (values already decoded). */
export function readStoredMetadata(metadata: Record<string, string | null> | undefined): (UploadMetadata & { account: string }) | null {
	const pairs = new Map<string, string>();
	for (const [key, value] of Object.entries(metadata ?? {})) if (typeof value === 'string') pairs.set(key, value);
	const fields = readUploadMetadata(pairs);
	const account = pairs.get('account');
	return fields && account ? { ...fields, account } : null;
}
