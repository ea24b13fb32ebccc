/**
 * The server side of presence (PRES-1…PRES-4): every awareness update a connection sends is
 * rewritten before it reaches the room. Each client state keeps only the presence fields of
 * `presence-state.ts`, and gets the display name and role of the connection's session — so a
 * viewer claiming to be an owner is relayed as a viewer. A state that is not a presence state
 * is refused; so is an update beyond one per PRESENCE_MIN_INTERVAL_MS per connection (a token
 * bucket of PRESENCE_BURST, so the moves of a client throttled to that rate still pass when the
 * network delivers them bunched). A removal (a null state: the tab left) always passes.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { PRESENCE_BURST, PRESENCE_MIN_INTERVAL_MS, stampPresence, type PresenceRole } from '../../../src/lib/domain/presence/presence.ts';
import { TokenBucket } from './token-bucket.ts';

/** Who a connection is, read at every message (a role change applies at once). */
export interface PresenceSession {
	readonly displayName: string;
	readonly role: PresenceRole;
}

export class PresenceGate {
	#bucket: TokenBucket;
	#session: PresenceSession;

	constructor(session: PresenceSession, now?: () => number) {
		this.#session = session;
		this.#bucket = new TokenBucket({ perSecond: 1000 / PRESENCE_MIN_INTERVAL_MS, burst: PRESENCE_BURST, now });
	}

	/**
	 * The awareness update to apply instead of `update` (already bound-checked by
	 * `checkAwarenessUpdate`), or null when it is refused (not presence, or too soon).
	 */
	admit(update: Uint8Array): Uint8Array | null {
		const decoder = decoding.createDecoder(update);
		const len = decoding.readVarUint(decoder);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, len);
		let setsState = false;
		for (let i = 0; i < len; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const claimed: unknown = JSON.parse(decoding.readVarString(decoder));
			encoding.writeVarUint(encoder, clientId);
			encoding.writeVarUint(encoder, clock);
			if (claimed === null) {
				encoding.writeVarString(encoder, 'null');
				continue;
			}
			const stamped = stampPresence(claimed, { name: this.#session.displayName, role: this.#session.role });
			if (!stamped) return null;
			setsState = true;
			encoding.writeVarString(encoder, JSON.stringify(stamped));
		}
		if (setsState && !this.#bucket.take()) return null;
		return encoding.toUint8Array(encoder);
	}
}
