/**
 * The server side of presence (PRES-1…PRES-4): every awareness update a connection sends is
 * rewritten before it reaches the room. Each client state keeps only the presence fields of
 * `presence-state.ts`, and gets the display name and role of the connection's session — so a
 * viewer claiming to be an owner is relayed as a viewer. A state that is not a presence state
 * is refused. At most one update per PRESENCE_MIN_INTERVAL_MS per connection reaches the room
 * (a token bucket of PRESENCE_BURST, so the moves of a client throttled to that rate pass as they
 * come when the network delivers them bunched). One that comes sooner is not refused but held:
 * presence is a state, so only its latest value matters — a later move replaces the held one, and
 * the latest is handed back (`onRelease`, as the awareness frame it came in) once the interval
 * allows. A client sending faster than the interval is slowed to it, and an honest client whose
 * moves the network (or a busy server) bunched still ends on its last caret. A removal (a null
 * state: the tab left) always passes at once, and drops what was held of that client.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { PRESENCE_BURST, PRESENCE_MIN_INTERVAL_MS, stampPresence, type PresenceRole } from '../../../src/lib/domain/presence/presence.ts';
import { awarenessFrame } from './frames.ts';
import { TokenBucket } from './token-bucket.ts';

/** `admit`'s answer for an update kept until the interval allows it (see `onRelease`). */
export const HELD = Symbol('held');

/** Where the gate hands back a held update: the awareness frame to read again (endpoint.ts). */
export type ReleaseHeld = (frame: Uint8Array) => void;

interface HeldState {
	readonly clock: number;
	readonly state: string;
}

/** Who a connection is, read at every message (a role change applies at once). */
export interface PresenceSession {
	readonly displayName: string;
	readonly role: PresenceRole;
}

export class PresenceGate {
	#bucket: TokenBucket;
	#session: PresenceSession;
	#schedule: (run: () => void, ms: number) => void;
	/** The latest state held per client id, until the interval allows it. */
	#held = new Map<number, HeldState>();
	#scheduled = false;
	/** Set once the connection is in a room (endpoint.ts); until then nothing can be held. */
	onRelease: ReleaseHeld | null = null;

	constructor(session: PresenceSession, options: { now?: () => number; schedule?: (run: () => void, ms: number) => void } = {}) {
		this.#session = session;
		this.#bucket = new TokenBucket({ perSecond: 1000 / PRESENCE_MIN_INTERVAL_MS, burst: PRESENCE_BURST, now: options.now });
		this.#schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms).unref());
	}

	/** Whether an update is held (waiting for the interval). */
	get isHolding(): boolean {
		return this.#held.size > 0;
	}

	/**
	 * The awareness update to apply instead of `update` (already bound-checked by
	 * `checkAwarenessUpdate`); null when it is refused (not presence, or too soon where it cannot
	 * be held); HELD when it came too soon and is kept, replacing what was held, until `onRelease`
	 * gets it back.
	 */
	admit(update: Uint8Array): Uint8Array | null | typeof HELD {
		const decoder = decoding.createDecoder(update);
		const len = decoding.readVarUint(decoder);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, len);
		const states: [number, HeldState][] = [];
		const removals: [number, number][] = [];
		for (let i = 0; i < len; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const raw = decoding.readVarString(decoder);
			const claimed: unknown = JSON.parse(raw);
			encoding.writeVarUint(encoder, clientId);
			encoding.writeVarUint(encoder, clock);
			if (claimed === null) {
				encoding.writeVarString(encoder, 'null');
				removals.push([clientId, clock]);
				continue;
			}
			const stamped = stampPresence(claimed, { name: this.#session.displayName, role: this.#session.role });
			if (!stamped) return null;
			states.push([clientId, { clock, state: raw }]);
			encoding.writeVarString(encoder, JSON.stringify(stamped));
		}
		for (const [clientId, clock] of removals) {
			const held = this.#held.get(clientId);
			if (held && held.clock < clock) this.#held.delete(clientId);
		}
		if (states.length === 0) return encoding.toUint8Array(encoder);
		if (this.#bucket.take()) {
			// In time: what was held of these clients is older, and goes.
			for (const [clientId, { clock }] of states) if ((this.#held.get(clientId)?.clock ?? Infinity) <= clock) this.#held.delete(clientId);
			return encoding.toUint8Array(encoder);
		}
		// Too soon. Outside a room (nothing to hand it back to), or mixed with a removal, it is refused;
		// else the latest state of each client is kept instead.
		if (!this.onRelease || removals.length > 0) return null;
		for (const [clientId, state] of states) {
			const held = this.#held.get(clientId);
			if (!held || held.clock < state.clock) this.#held.set(clientId, state);
		}
		this.#releaseLater();
		return HELD;
	}

	/** Drops what is held (the connection left its room). */
	clear(): void {
		this.#held.clear();
		this.onRelease = null;
	}

	#releaseLater(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		this.#schedule(() => {
			this.#scheduled = false;
			const release = this.onRelease;
			if (!release || this.#held.size === 0) return;
			const wait = this.#bucket.msUntilToken();
			if (wait > 0) return this.#releaseLater();
			const held = [...this.#held];
			this.#held.clear();
			// Read again as it came: the room's checks run on it as on any update (HELD again only if the interval still says no).
			release(heldFrame(held));
		}, Math.max(1, this.#bucket.msUntilToken()));
	}
}

/** The awareness message (as the client sent it: not stamped yet) of the held states. */
function heldFrame(states: readonly [number, HeldState][]): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, states.length);
	for (const [clientId, { clock, state }] of states) {
		encoding.writeVarUint(update, clientId);
		encoding.writeVarUint(update, clock);
		encoding.writeVarString(update, state);
	}
	return awarenessFrame(encoding.toUint8Array(update));
}
