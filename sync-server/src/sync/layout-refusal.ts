/**
 * The workspace layout's checks on an incoming update, in the order the room applies them:
 * reserved client ids (ROOM-5), then field bounds (ROOM-6). Returns the MESSAGE_ERROR code to
 * answer with (the update is then dropped), or null to apply it. One call from the update path.
 */
import type * as Y from 'yjs';
import { SYNC_ERROR, type SyncErrorCode } from '../../../src/lib/sync/protocol.ts';
import { updateBreaksFieldBounds } from './field-bounds-check.ts';
import { usesReservedClientsOnlyForLayout } from './layout-guard.ts';

export function layoutRefusal(doc: Y.Doc, update: Uint8Array): SyncErrorCode | null {
	if (!usesReservedClientsOnlyForLayout(doc, update)) return SYNC_ERROR.reservedClient;
	if (updateBreaksFieldBounds(doc, update)) return SYNC_ERROR.fieldBound;
	return null;
}
