/** ROOM-6 on the server: the check is shared with the app's undo guard (src/lib/sync/field-bounds-check.ts). */
export { checkFieldBounds, updateBreaksFieldBounds, UNKNOWN_KEY_MAX_JSON } from '../../../src/lib/sync/field-bounds-check.ts';
