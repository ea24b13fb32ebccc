/**
 * Presence in one open workspace (PRES-1, PRES-3, PRES-6, PRES-7): who else is here, the field
 * each is in and their selection there, read from the room's y-protocols awareness; this tab's
 * own place, sent at most once per PRESENCE_MIN_INTERVAL_MS (plus a margin for timer jitter);
 * and, when a collaborator's change replaces a choice this person set or is in, a notice of who
 * changed it to what. Only the colour, field path and selection are sent: the server adds the
 * display name and role from the session.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { PRESENCE_COLOURS, PRESENCE_MIN_INTERVAL_MS, parsePresenceState, type PresencePeer, type PresenceSelection } from '../domain/presence/presence.ts';
import { WORKSPACE_ROOT } from '../domain/workspace/layout.ts';
import { authorOfValue, decodeSelection, encodeSelection, fieldPathOfChange, textOfFieldPath } from '../sync/presence-fields.ts';

/** Another person in the room. */
export type Peer = PresencePeer;

/** A collaborator changed a choice this person had set or was in. */
export interface ChoiceNotice {
	/** The collaborator's display name; '' when they are not in the room (the change came later). */
	readonly name: string;
	readonly value: unknown;
}

/** The extra wait over the minimum interval, so a timer firing early never breaks PRES-3. */
const THROTTLE_MARGIN_MS = 20;

export class PresenceManager {
	#awareness: Awareness;
	#doc: Y.Doc;
	#peers = $state<Peer[]>([]);
	#notices = $state<Record<string, ChoiceNotice>>({});
	#colour: number;
	#field: string | null = null;
	#selection: PresenceSelection | null = null;
	#lastSent = -Infinity;
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** Choice fields this tab wrote since it opened: a collaborator overwriting one is told. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of the doc observer; nothing renders it
	#touched = new Set<string>();
	#closed = false;

	constructor(awareness: Awareness, doc: Y.Doc) {
		this.#awareness = awareness;
		this.#doc = doc;
		this.#refresh();
		this.#colour = this.#freeColour();
		awareness.on('change', this.#refresh);
		for (const root of [WORKSPACE_ROOT.subject, WORKSPACE_ROOT.websites]) doc.getMap(root).observeDeep(this.#observe);
		this.#send();
	}

	/** Everyone else in the room, in the order they arrived. */
	get peers(): readonly Peer[] {
		return this.#peers;
	}

	/** This tab's colour (an index into the palette). */
	get colour(): number {
		return this.#colour;
	}

	/** The people in `field` now. */
	peersIn(field: string): Peer[] {
		return this.#peers.filter((peer) => peer.field === field);
	}

	/** The notice shown next to a choice field, or null. */
	noticeOf(field: string): ChoiceNotice | null {
		return this.#notices[field] ?? null;
	}

	dismissNotice(field: string): void {
		if (!(field in this.#notices)) return;
		const next = { ...this.#notices };
		delete next[field];
		this.#notices = next;
	}

	/** Where this person is: a field (or none) and, inside a free-text field, the selection. */
	focus(field: string | null, selection?: { anchor: number; head: number } | null): void {
		const text = field && selection ? textOfFieldPath(this.#doc, field) : null;
		const encoded = text && selection ? encodeSelection(text, selection.anchor, selection.head) : null;
		if (field === this.#field && sameSelection(encoded, this.#selection)) return;
		this.#field = field;
		this.#selection = encoded;
		this.#schedule();
	}

	/** Where a peer's selection is now (character indices), when it is in the Y.Text of `field`. */
	selectionOf(peer: Peer, field: string): { anchor: number; head: number } | null {
		if (peer.field !== field || !peer.selection) return null;
		const text = textOfFieldPath(this.#doc, field);
		return text ? decodeSelection(this.#doc, text, peer.selection) : null;
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#awareness.off('change', this.#refresh);
		for (const root of [WORKSPACE_ROOT.subject, WORKSPACE_ROOT.websites]) this.#doc.getMap(root).unobserveDeep(this.#observe);
	}

	#schedule(): void {
		if (this.#closed || this.#timer) return;
		const wait = this.#lastSent + PRESENCE_MIN_INTERVAL_MS + THROTTLE_MARGIN_MS - Date.now();
		if (wait <= 0) return this.#send();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#send();
		}, wait);
	}

	#send(): void {
		if (this.#closed) return;
		this.#lastSent = Date.now();
		this.#awareness.setLocalState({ colour: this.#colour, field: this.#field, selection: this.#selection });
	}

	#refresh = (): void => {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.#awareness.getStates()) {
			if (clientId === this.#awareness.clientID) continue;
			const parsed = parsePresenceState(state);
			if (parsed) peers.push({ clientId, name: parsed.name, role: parsed.role, colour: parsed.colour, field: parsed.field, selection: parsed.selection });
		}
		this.#peers = peers;
	};

	/** The first colour nobody here has yet (the others keep theirs). */
	#freeColour(): number {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local of one computation
		const used = new Set(this.#peers.map((p) => p.colour));
		for (let c = 0; c < PRESENCE_COLOURS; c++) if (!used.has(c)) return c;
		return this.#awareness.clientID % PRESENCE_COLOURS;
	}

	#observe = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
		let notices: Record<string, ChoiceNotice> | null = null;
		for (const event of events) {
			if (!(event as unknown as { keysChanged?: Set<string> }).keysChanged) continue;
			for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
				const field = fieldPathOfChange(this.#doc, event.target, key);
				const value = (event.target as Y.Map<unknown>).get(key);
				if (!field || (value !== undefined && typeof value === 'object' && !Array.isArray(value) && value !== null)) continue;
				if (transaction.local) {
					this.#touched.add(field);
					if (field in this.#notices) notices ??= { ...this.#notices };
					if (notices) delete notices[field];
					continue;
				}
				if (!this.#touched.has(field) && this.#field !== field) continue;
				// A concurrent write that lost (the value here won) is reported as a change too: nothing changed here.
				const change = event.changes.keys.get(key);
				if (!change || (change.action !== 'add' && JSON.stringify(change.oldValue) === JSON.stringify(value))) continue;
				const author = authorOfValue(this.#doc, field);
				const state = author === null ? null : parsePresenceState(this.#awareness.getStates().get(author));
				notices ??= { ...this.#notices };
				notices[field] = { name: state?.name ?? '', value };
			}
		}
		if (notices) this.#notices = notices;
	};
}

function sameSelection(a: PresenceSelection | null, b: PresenceSelection | null): boolean {
	return a === b || (a !== null && b !== null && a.anchor === b.anchor && a.head === b.head);
}
