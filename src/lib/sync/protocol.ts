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
/**
 * Beian: the server refused something the client sent but keeps the connection open:
 * `[MESSAGE_ERROR, varString(code)]`. The update that caused it was dropped — not applied,
 * not relayed, not stored — so the client's state is ahead of the server's and will never be
 * acknowledged as persisted. Codes are in {@link SYNC_ERROR}.
 */
export const MESSAGE_ERROR = 101;

/** Error codes carried by {@link MESSAGE_ERROR}. */
export const SYNC_ERROR = {
	/** A document update from a viewer, or from any client to a server-owned facts room. */
	readOnly: 'read-only',
	/**
	 * A well-formed document update that breaks a bound of `update-bounds.ts` (content kind,
	 * JSON depth, key length), or whose missing dependencies made the room hold too many pending
	 * updates. Every later update of the same client id depends on the dropped one, so the
	 * client rebuilds its doc from the server's state under a new client id (see `refusal.ts`).
	 */
	updateRefused: 'update-refused',
	/** An awareness update over a bound (size, depth, entries, client ids per connection); dropped, nothing else changes. */
	awarenessRefused: 'awareness-refused',
	/** An update writing as a client id reserved for layout items, other than those items (ROOM-5). */
	reservedClient: 'reserved-client',
	/** An update that puts a workspace field over its bound (ROOM-6). */
	fieldBound: 'field-bound'
} as const;

export type SyncErrorCode = (typeof SYNC_ERROR)[keyof typeof SYNC_ERROR];

/** Path prefix of the sync WebSocket; the room name follows: `/sync/<room>`. */
export const SYNC_PATH = '/sync';

/**
 * Close codes of the sync WebSocket.
 *
 * - 4400–4499 are permanent for the y-websocket client (it stops reconnecting and emits
 *   `closed`): the app shows why instead of retrying forever.
 * - 4500–4599 are Beian's transient application codes: the client reconnects with backoff.
 * - 1001, 1009 and 1011 are the standard transient codes.
 *
 * A foreign `Origin` never reaches a close code: the upgrade itself is refused with HTTP 403.
 * Authentication and membership are checked after the upgrade (browsers cannot read an HTTP
 * status at upgrade), so they are close codes.
 */
export const CLOSE = {
	/** A frame that is not a valid sync message; only that connection is closed. */
	malformed: 4400,
	/**
	 * Not signed in: no session cookie, or its session is unknown, expired or revoked — at
	 * connect, or later when the session is revoked (sign-out, "sign out that device").
	 */
	unauthenticated: 4401,
	/**
	 * Signed in, but not a member of the room's subject — at connect, or later when the owner
	 * removed the member. (A role change does not close: the connection takes the new role.)
	 */
	forbidden: 4403,
	/**
	 * The room is not served: its name is not valid (ROOM-1), or it names no subject (ROOM-4),
	 * e.g. the pre-accounts `ws-local` room.
	 */
	unknownRoom: 4404,
	/**
	 * The connection sent more messages than its rate limit allows. Transient (4500 range) on
	 * purpose: a client catching up after a long offline spell may burst; it reconnects with
	 * backoff and resyncs, losing nothing (its unacknowledged updates are re-sent in sync step 2).
	 */
	rateLimited: 4529,
	/**
	 * The socket has more than its limit of output waiting (`SYNC_MAX_BUFFERED_BYTES`): the client
	 * does not read. Transient: it reconnects and catches up in the sync handshake.
	 */
	backPressure: 4503,
	/**
	 * Too many open sync connections from this address or this account
	 * (`SYNC_MAX_CONNECTIONS_PER_IP`, `SYNC_MAX_CONNECTIONS_PER_ACCOUNT`). Transient: the client
	 * retries with backoff, and gets in once another tab or device closes.
	 */
	tooManyConnections: 4530,
	/** The frame is larger than the server accepts (set by `ws` for maxPayload). */
	tooLarge: 1009,
	/**
	 * The server could not load the room (storage failure), or hit an unexpected error on this
	 * connection or in its room (the room is then reloaded from the durable log); reconnect.
	 */
	unavailable: 1011,
	/** The server is shutting down; reconnect later. */
	goingAway: 1001
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The largest WebSocket frame the server accepts, in bytes. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
