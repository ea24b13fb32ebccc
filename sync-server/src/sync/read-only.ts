/**
 * Refusing writes on a read-only connection (a viewer, or any client in a facts room). The
 * refused update is dropped — not applied, not relayed, not stored — and answered with
 * `MESSAGE_ERROR` `read-only`. An update the room already contains is not a write: a viewer's
 * client sends its state in sync step 2 on every connect, which must not raise an error.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MESSAGE_ERROR, type SyncErrorCode } from '../../../src/lib/sync/protocol.ts';

/** Whether applying `update` would change nothing in `doc` (all its structs and deletions are known). Throws for malformed bytes. */
export function isContainedIn(doc: Y.Doc, update: Uint8Array): boolean {
	return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

/** `[MESSAGE_ERROR, varString(code)]`. */
export function errorMessage(code: SyncErrorCode): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_ERROR);
	encoding.writeVarString(encoder, code);
	return encoding.toUint8Array(encoder);
}
