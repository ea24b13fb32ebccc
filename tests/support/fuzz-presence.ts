/**
 * The presence and undo side of the convergence fuzz (issue 11): each fuzz client is also a
 * person with a place in the form and two undo stacks, as the app gives them.
 *
 * Presence: focus and blur of real layout fields and caret moves inside free-text fields, sent
 * through the provider's awareness in the app's shape (colour, field path, selection as Y.Text
 * relative positions by presence-fields.ts) and throttled like PresenceManager (one state per
 * PRESENCE_MIN_INTERVAL_MS plus a margin; the latest place wins).
 * Undo: one `Y.UndoManager` per form part from `createUndo` (tracked origins: this tab's own
 * edits), stepped as UndoState does — refused beforehand when it would break a field bound.
 *
 * Invariants it records (read by fuzz.ts): an undo or redo deletes only structs of this client
 * (or of the reserved layout ids); deletions nested in a record the step removed are counted,
 * not refused — they go with the record, which the same step brings back on redo.
 */
import * as Y from 'yjs';
import { PRESENCE_MIN_INTERVAL_MS, parsePresenceState, type PresenceRole, type PresenceSelection } from '../../src/lib/domain/presence/presence.ts';
import { SUBJECT_FIELDS, WEBSITE_FIELDS, isReservedClientId } from '../../src/lib/domain/workspace/layout.ts';
import { readWebsites } from '../../src/lib/sync/bindings/websites.ts';
import { encodeSelection, textOfFieldPath } from '../../src/lib/sync/presence-fields.ts';
import { createUndo, stepBreaksFieldBounds, type UndoScope } from '../../src/lib/sync/undo.ts';
import { renewPresenceOnConnect } from '../../src/lib/sync/workspace-sync.ts';
import type { Prng } from './prng.ts';
import type { TestClient } from './server.ts';

export const PEER_KINDS = ['focus', 'blur', 'caret', 'undo', 'redo'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

export const PEER_WEIGHTS: Record<PeerKind, number> = { focus: 6, blur: 2, caret: 8, undo: 6, redo: 3 };

/** PresenceManager's margin over the minimum interval. */
const THROTTLE_MARGIN_MS = 20;
const SUBJECT_KEYS = Object.keys(SUBJECT_FIELDS);
const WEBSITE_KEYS = Object.keys(WEBSITE_FIELDS);

/** Where a person is, as presence sends it. */
export interface Place {
	field: string | null;
	selection: PresenceSelection | null;
}

export class FuzzPeer {
	readonly client: TestClient;
	readonly role: PresenceRole;
	/** Invariant breaks seen so far (the fuzz fails on the first check after one). */
	readonly violations: string[] = [];
	/** Deletions of other clients' structs nested in a record an undo or redo removed. */
	nestedRemovals = 0;
	/** Undo and redo steps that ran (not refused, stack not empty). */
	steps = 0;
	/** When this client was disconnected (performance.now()), or null while it is meant to be connected. */
	disconnectedAt: number | null = null;
	/** The place last handed to awareness, and the one waiting for the throttle. */
	sent: Place = { field: null, selection: null };
	#wanted: Place = { field: null, selection: null };
	#lastSent = -Infinity;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#index: number;
	#colour: number;
	#undo: Record<UndoScope, Y.UndoManager>;
	/** Every client id this doc wrote with (Yjs may give a doc a new one). */
	#own = new Set<number>();
	#stopRenewing: () => void;

	constructor(client: TestClient, index: number, role: PresenceRole) {
		this.client = client;
		this.role = role;
		this.#index = index;
		this.#colour = index % 8;
		this.#own.add(client.doc.clientID);
		this.#undo = { subject: createUndo(client.doc, 'subject'), websites: createUndo(client.doc, 'websites') };
		client.doc.on('afterTransaction', this.#checkStep);
		// As connectWorkspace does: a reconnect sends the place again under a new clock.
		this.#stopRenewing = renewPresenceOnConnect(client.provider);
		this.#send();
	}

	/** The awareness client id others see this person under. */
	get awarenessId(): number {
		return this.client.provider.awareness.clientID;
	}

	/** After one of this client's edits: remember its id; sometimes end the undo step (as a pause in typing would). */
	edited(prng: Prng): void {
		this.#own.add(this.client.doc.clientID);
		if (prng.chance(0.4)) for (const manager of Object.values(this.#undo)) manager.stopCapturing();
	}

	apply(kind: PeerKind, prng: Prng): void {
		switch (kind) {
			case 'focus':
				return this.#place(this.#pickField(prng), prng);
			case 'blur':
				return this.#place(null, prng);
			case 'caret':
				return this.#place(this.#wanted.field, prng);
			case 'undo':
			case 'redo':
				return this.#step(kind, prng.chance(0.6) ? 'subject' : 'websites');
		}
	}

	/** The presence this client sees of `other`, or null. */
	seenOf(other: FuzzPeer): { role: PresenceRole; field: string | null } | null {
		const state = parsePresenceState(this.client.provider.awareness.getStates().get(other.awarenessId));
		return state ? { role: state.role, field: state.field } : null;
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#stopRenewing();
		this.client.doc.off('afterTransaction', this.#checkStep);
		for (const manager of Object.values(this.#undo)) manager.destroy();
	}

	#pickField(prng: Prng): string {
		const sites = readWebsites(this.client.doc).value;
		if (sites.length > 0 && prng.chance(0.4)) return `websites.${prng.pick(sites).id}.${prng.pick(WEBSITE_KEYS)}`;
		return `subject.${prng.pick(SUBJECT_KEYS)}`;
	}

	/** Moves to `field`; inside a free-text field, to a random selection there. */
	#place(field: string | null, prng: Prng): void {
		const text = field ? textOfFieldPath(this.client.doc, field) : null;
		const at = () => Math.floor(prng.next() * ((text?.length ?? 0) + 1));
		const anchor = at();
		const selection = text ? encodeSelection(text, anchor, prng.chance(0.7) ? anchor : at()) : null;
		this.#wanted = { field, selection };
		if (this.#timer) return;
		const wait = this.#lastSent + PRESENCE_MIN_INTERVAL_MS + THROTTLE_MARGIN_MS - performance.now();
		if (wait <= 0) return this.#send();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#send();
		}, wait);
	}

	#send(): void {
		this.#lastSent = performance.now();
		this.sent = this.#wanted;
		this.client.provider.awareness.setLocalState({ colour: this.#colour, ...this.#wanted });
	}

	/** An undo or redo as UndoState makes it: refused beforehand when the server would drop it (ROOM-6). */
	#step(step: 'undo' | 'redo', scope: UndoScope): void {
		const manager = this.#undo[scope];
		if (stepBreaksFieldBounds(this.client.doc, scope, manager, step)) return;
		if ((step === 'undo' ? manager.undo() : manager.redo()) !== null) this.steps++;
	}

	/** Looks at what an undo or redo transaction of this client deleted. */
	#checkStep = (transaction: Y.Transaction): void => {
		if (transaction.origin !== this.#undo.subject && transaction.origin !== this.#undo.websites) return;
		Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
			if (!(struct instanceof Y.Item) || this.#own.has(struct.id.client) || isReservedClientId(struct.id.client)) return;
			const container = struct.parent instanceof Y.AbstractType ? struct.parent._item : null;
			if (container && Y.isDeleted(transaction.deleteSet, container.id)) {
				this.nestedRemovals++;
				return;
			}
			const what = struct.parentSub ?? `text of ${container?.parentSub ?? '?'}`;
			this.violations.push(`an ${transaction.origin === this.#undo.subject ? 'subject' : 'websites'} undo/redo of c${this.#index} deleted ${what} written by client ${struct.id.client}`);
		});
	};
}
