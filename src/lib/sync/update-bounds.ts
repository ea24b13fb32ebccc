/**
 * Bounds on what a sync client may put into a room, checked by the server on every document
 * update and awareness update before it reaches the room — and by an honest client before it
 * sends (so a refusal is rare). Pure: no Y.Doc, no scratch doc, one pass over the bytes.
 *
 * `checkUpdate` walks a Yjs V1 update struct by struct (the format of `Y.encodeStateAsUpdate`;
 * see yjs `readClientsStructRefs` / `readItemContent`) without building the structs, and
 * `checkAwarenessUpdate` walks a y-protocols awareness update. Each returns null when the bytes
 * are within bounds, a {@link Refusal} when they are well-formed but break a bound, and throws
 * {@link MalformedUpdateError} when they are not an update at all.
 *
 * Content kinds (what the workspace layout of doc-layout.ts writes):
 *
 * | kind            | allowed | why                                                           |
 * |-----------------|---------|---------------------------------------------------------------|
 * | GC, Skip, Deleted | yes   | tombstones and gaps in any encoded update                    |
 * | String          | yes     | Y.Text content                                                |
 * | Any             | yes     | map values: strings, numbers, booleans, null, small objects/arrays (DocumentRef) up to {@link MAX_JSON_DEPTH}; no bigint, no Uint8Array (the doc never holds bytes) |
 * | JSON            | yes     | legacy form of Any (old Yjs), same depth bound                |
 * | Type            | Y.Array, Y.Map, Y.Text only | no XML types                              |
 * | Binary, Embed, Format, Doc | no | the layout never uses them (no rich text, no subdocs, no bytes) |
 *
 * A later per-field bound (e.g. text length per field) belongs here, next to these constants.
 */
import * as decoding from 'lib0/decoding';

/** Deepest nesting of objects/arrays in a map value or an awareness state (`{}` is depth 1). */
export const MAX_JSON_DEPTH = 8;
/** Longest root-type name or map key, in UTF-16 code units. */
export const MAX_KEY_LENGTH = 256;
/** Largest awareness state of one client, as its JSON text (UTF-16 code units). */
export const MAX_AWARENESS_STATE_LENGTH = 16 * 1024;
/** Most client states in one awareness update (a tab has one; y-websocket sends one at a time). */
export const MAX_AWARENESS_ENTRIES = 8;
/** Most awareness client ids one connection may control (a tab's, plus one after a client-id change). */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;
/**
 * Most bytes of updates a room holds waiting for missing dependencies (Yjs pending structs and
 * pending delete sets). An honest client sends its updates in order, so pending updates are
 * rare and small; beyond this the room drops them and answers `update-refused`.
 */
export const MAX_PENDING_BYTES = 256 * 1024;

/** Y.Array, Y.Map, Y.Text (yjs typeRefs 0, 1, 2); the XML types (3–6) are refused. */
const ALLOWED_TYPE_REFS = new Set([0, 1, 2]);

export type RefusalReason = 'content-kind' | 'type-kind' | 'json-depth' | 'value-kind' | 'key-length' | 'awareness-size' | 'awareness-entries';

export interface Refusal {
	readonly reason: RefusalReason;
	readonly detail: string;
}

/** The bytes are not a Yjs V1 update / awareness update (truncated, unknown tags, bad JSON). */
export class MalformedUpdateError extends Error {}

const refuse = (reason: RefusalReason, detail: string): Refusal => ({ reason, detail });

/** Checks a Yjs V1 document update. Throws MalformedUpdateError when it cannot be decoded. */
export function checkUpdate(update: Uint8Array): Refusal | null {
	try {
		const decoder = decoding.createDecoder(update);
		const clients = decoding.readVarUint(decoder);
		for (let c = 0; c < clients; c++) {
			const structs = decoding.readVarUint(decoder);
			decoding.readVarUint(decoder); // client
			decoding.readVarUint(decoder); // first clock
			for (let s = 0; s < structs; s++) {
				const refusal = checkStruct(decoder);
				if (refusal) return refusal;
			}
		}
		// Delete set: per client, a list of (clock, length) ranges.
		const dsClients = decoding.readVarUint(decoder);
		for (let c = 0; c < dsClients; c++) {
			decoding.readVarUint(decoder);
			const ranges = decoding.readVarUint(decoder);
			for (let r = 0; r < ranges; r++) {
				decoding.readVarUint(decoder);
				decoding.readVarUint(decoder);
			}
		}
		if (decoding.hasContent(decoder)) throw new MalformedUpdateError('trailing bytes after the delete set');
		return null;
	} catch (error) {
		throw asMalformed(error);
	}
}

function checkStruct(decoder: decoding.Decoder): Refusal | null {
	const info = decoding.readUint8(decoder);
	const ref = info & 0b11111;
	if (ref === 0 || ref === 10) {
		decoding.readVarUint(decoder); // GC or Skip length
		return null;
	}
	if ((info & 0x80) !== 0) readId(decoder); // origin
	if ((info & 0x40) !== 0) readId(decoder); // right origin
	if ((info & 0xc0) === 0) {
		// No origins: the parent is written out — a root type's name, or the parent's ID.
		if (decoding.readVarUint(decoder) === 1) {
			if (decoding.readVarString(decoder).length > MAX_KEY_LENGTH) return refuse('key-length', 'root type name');
		} else readId(decoder);
		if ((info & 0x20) !== 0 && decoding.readVarString(decoder).length > MAX_KEY_LENGTH) return refuse('key-length', 'map key');
	}
	return checkContent(decoder, ref);
}

function checkContent(decoder: decoding.Decoder, ref: number): Refusal | null {
	switch (ref) {
		case 1: // Deleted
			decoding.readVarUint(decoder);
			return null;
		case 2: {
			// JSON (legacy): `len` JSON texts
			const len = decoding.readVarUint(decoder);
			for (let i = 0; i < len; i++) {
				const text = decoding.readVarString(decoder);
				if (text === 'undefined') continue;
				if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return refuse('json-depth', 'JSON content');
				JSON.parse(text); // a SyntaxError makes the update malformed
			}
			return null;
		}
		case 4: // String
			decoding.readVarString(decoder);
			return null;
		case 7: {
			const typeRef = decoding.readVarUint(decoder);
			return ALLOWED_TYPE_REFS.has(typeRef) ? null : refuse('type-kind', `type ref ${typeRef}`);
		}
		case 8: {
			// Any: `len` lib0 any-encoded values
			const len = decoding.readVarUint(decoder);
			for (let i = 0; i < len; i++) {
				const refusal = checkAny(decoder);
				if (refusal) return refusal;
			}
			return null;
		}
		case 3:
		case 5:
		case 6:
		case 9:
			return refuse('content-kind', ['', '', '', 'binary', '', 'embed', 'format', '', '', 'doc'][ref] ?? String(ref));
		default:
			throw new MalformedUpdateError(`unknown content ref ${ref}`);
	}
}

/**
 * Walks one lib0 `writeAny` value without recursion (an explicit stack of open containers), so
 * a value nested 50,000 deep is refused at depth MAX_JSON_DEPTH + 1 without touching the rest.
 */
function checkAny(decoder: decoding.Decoder): Refusal | null {
	/** Values still to read in each open container; negative for an object (a key precedes each value). */
	const open: number[] = [];
	let first = true;
	while (first || open.length > 0) {
		if (!first) {
			const left = open[open.length - 1] as number;
			if (left === 0) {
				open.pop();
				continue;
			}
			if (left < 0) {
				if (decoding.readVarString(decoder).length > MAX_KEY_LENGTH) return refuse('key-length', 'object key');
				open[open.length - 1] = left + 1;
			} else open[open.length - 1] = left - 1;
		}
		first = false;
		const tag = decoding.readUint8(decoder);
		switch (tag) {
			case 127: // undefined
			case 126: // null
			case 121: // false
			case 120: // true
				break;
			case 125:
				decoding.readVarInt(decoder);
				break;
			case 124:
				decoding.readFloat32(decoder);
				break;
			case 123:
				decoding.readFloat64(decoder);
				break;
			case 119:
				decoding.readVarString(decoder);
				break;
			case 118: // object
			case 117: {
				// array
				if (open.length >= MAX_JSON_DEPTH) return refuse('json-depth', 'map value');
				const size = decoding.readVarUint(decoder);
				open.push(tag === 118 ? -size : size);
				break;
			}
			case 122:
				return refuse('value-kind', 'bigint');
			case 116:
				return refuse('value-kind', 'bytes');
			default:
				throw new MalformedUpdateError(`unknown value tag ${tag}`);
		}
	}
	return null;
}

function readId(decoder: decoding.Decoder): void {
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
}

/** What an awareness update says, once it passed the bounds. */
export interface AwarenessEntries {
	readonly clientIds: readonly number[];
}

/**
 * Checks a y-protocols awareness update: `[len, (clientID, clock, JSON state)*]`. Each state
 * must be JSON (SyntaxError → malformed), at most MAX_AWARENESS_STATE_LENGTH long and
 * MAX_JSON_DEPTH deep (counted by scanning the text, never recursively). Returns the client ids
 * or a refusal.
 */
export function checkAwarenessUpdate(update: Uint8Array): AwarenessEntries | Refusal {
	try {
		const decoder = decoding.createDecoder(update);
		const len = decoding.readVarUint(decoder);
		if (len > MAX_AWARENESS_ENTRIES) return refuse('awareness-entries', `${len} states in one update`);
		const clientIds: number[] = [];
		for (let i = 0; i < len; i++) {
			clientIds.push(decoding.readVarUint(decoder));
			decoding.readVarUint(decoder); // clock
			const state = decoding.readVarString(decoder);
			if (state.length > MAX_AWARENESS_STATE_LENGTH) return refuse('awareness-size', `${state.length} characters`);
			if (jsonDepthExceeds(state, MAX_JSON_DEPTH)) return refuse('json-depth', 'awareness state');
			JSON.parse(state);
		}
		if (decoding.hasContent(decoder)) throw new MalformedUpdateError('trailing bytes after the awareness states');
		return { clientIds };
	} catch (error) {
		throw asMalformed(error);
	}
}

export function isRefusal(value: unknown): value is Refusal {
	return typeof value === 'object' && value !== null && 'reason' in value;
}

/**
 * Whether JSON text nests objects/arrays deeper than `limit`, by one scan of the characters
 * (brackets inside strings do not count). Does not validate the JSON.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (inString) {
			if (ch === 0x5c) i++; // backslash: skip the escaped character
			else if (ch === 0x22) inString = false;
		} else if (ch === 0x22) inString = true;
		else if (ch === 0x7b || ch === 0x5b) {
			if (++depth > limit) return true;
		} else if (ch === 0x7d || ch === 0x5d) depth--;
	}
	return false;
}

function asMalformed(error: unknown): MalformedUpdateError {
	if (error instanceof MalformedUpdateError) return error;
	return new MalformedUpdateError(error instanceof Error ? error.message : String(error));
}

/**
 * Whether a plain map value is one the server accepts (the client's own check before it writes
 * or re-applies a value): at most MAX_JSON_DEPTH deep, no bigint, no bytes, short keys.
 * Walks with an explicit stack.
 */
export function isAllowedValue(value: unknown): boolean {
	const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
		if (typeof current === 'bigint' || typeof current === 'function' || typeof current === 'symbol' || current instanceof Uint8Array) return false;
		if (current === null || typeof current !== 'object') continue;
		if (depth + 1 > MAX_JSON_DEPTH) return false;
		const entries = Array.isArray(current) ? current.map((v) => ['', v] as const) : Object.entries(current);
		for (const [key, child] of entries) {
			if (key.length > MAX_KEY_LENGTH) return false;
			stack.push({ value: child, depth: depth + 1 });
		}
	}
	return true;
}
