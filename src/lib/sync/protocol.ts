/**
 * The wire protocol shared by the app's sync client and the sync server: the y-websocket
 * message types, Beian's own "persisted" message, and the WebSocket close codes.
 *
 * No yjs import here, so the server and the app can both use it without pulling in a client.
 *
 * Persisted message: `[MESSAGE_PERSISTED, varUint8Array(stateVector)]`, where the state vector
 * (Yjs `encodeStateVector` format) covers every update of the room the server has committed to
 * durable storage. A client whose own state vector is covered by it may say "saved".
 */

/** y-websocket's message types (see y-websocket/src/y-websocket.js). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Beian: the server tells the client which state of the room is durable. */
export const MESSAGE_PERSISTED = 100;

/** Path prefix of the sync WebSocket; the room name follows: `/sync/<room>`. */
export const SYNC_PATH = '/sync';

/**
 * Close codes. 4400–4499 are permanent for the y-websocket client (it stops reconnecting);
 * 1009 and 1011 are transient.
 */
export const CLOSE = {
	/** A frame that is not a valid sync message; only that connection is closed. */
	malformed: 4400,
	/** Not signed in. */
	unauthenticated: 4401,
	/** Signed in, but not a member of the room (or the role was revoked). */
	forbidden: 4403,
	/** The room name is not valid (rule ROOM-1). */
	unknownRoom: 4404,
	/** The frame is larger than the server accepts (set by `ws` for maxPayload). */
	tooLarge: 1009,
	/** The server is shutting down; reconnect later. */
	goingAway: 1001
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The largest WebSocket frame the server accepts, in bytes. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
