/**
 * Connects a workspace Y.Doc to the sync server over y-websocket and reports where the data
 * is: offline (only on this device), connecting, sending, or saved on the server.
 *
 * Reconnects with backoff by itself; close codes 4400–4499 (malformed, not signed in, not a
 * member, unknown room) stop it, and the status says why instead of retrying forever.
 */
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { roomNameFor } from '../domain/workspace/room.ts';
import { trackPersisted, type PersistedDetail } from './persisted.ts';
import { unsavedFields, type SyncScope } from './unsaved.ts';
import * as decoding from 'lib0/decoding';
import { CLOSE, MESSAGE_ERROR, SYNC_ERROR, SYNC_PATH } from './protocol.ts';
import { recoverFromRefusal } from './refusal.ts';

export type SyncStatus = 'offline' | 'connecting' | 'sending' | 'saved' | 'refused';

/**
 * Where a part of the data is, from the server's durable acknowledgment: `server` (everything
 * in it saved, as of `savedAt`), `sending` (connected; `changes` fields not yet acknowledged) or
 * `device` (only on this device: no connection, or nothing acknowledged yet).
 */
export interface SyncPlace {
	readonly where: 'device' | 'sending' | 'server';
	/** Fields holding edits the server has not saved yet. */
	readonly changes: number;
	/** When the server last acknowledged (ms since the epoch), or null if never on this device. */
	readonly savedAt: number | null;
}

export type { SyncScope };

/** The server's last durable acknowledgment as the device keeps it (storage, injected by the state layer). */
export interface DurableMarkStore {
	read(): { stateVector: Uint8Array; at: number } | null;
	write(mark: { stateVector: Uint8Array; at: number }): void;
}

export interface SyncConnection {
	readonly status: SyncStatus;
	/** The close code when status is `refused`. */
	readonly refusedWith: number | null;
	/** The last error the server answered an update with (e.g. `read-only`), or null. */
	readonly lastError: string | null;
	/** Subscribes to status changes; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** Where the whole doc's data is (the badge). */
	readonly place: SyncPlace;
	/** Where one part's data is (a task of the task list). */
	placeOf(scope: SyncScope): SyncPlace;
	/** Users on this doc (y-protocols awareness). */
	readonly provider: WebsocketProvider;
	destroy(): void;
}

export interface SyncOptions {
	doc: Y.Doc;
	workspaceId: string;
	/** `ws://host` or `wss://host`; defaults to this page's origin. */
	serverUrl?: string;
	/**
	 * The server refused one of this doc's updates (`update-refused`): syncing stops, and this
	 * gets the doc rebuilt from the server's state under a new client id with this device's
	 * values re-applied (see refusal.ts). It must replace the local copy with it and reopen.
	 * Without it the doc stays disconnected.
	 */
	onRebuilt?: (rebuilt: Y.Doc) => Promise<void>;
	/** Keeps the server's durable acknowledgment on the device, so a reopen offline still knows what is saved. */
	durableMark?: DurableMarkStore;
}

/**
 * On every (re)connect, both sides of presence start afresh (PRES-4, PRES-6). This tab's state is
 * sent again under a new awareness clock: y-websocket re-sends it with the clock it had, which
 * the server drops as a copy of a state it saw (and removed when the socket closed), so the
 * others would not see this person again until they moved. And the clocks kept of the others
 * (y-protocols keeps them when the provider clears their states on a close) are forgotten: the
 * server's greeting carries the same clocks, which would be ignored, so this tab would show
 * nobody who had not moved since. Returns the unsubscribe function.
 */
export function renewPresenceOnConnect(provider: WebsocketProvider): () => void {
	const renew = ({ status }: { status: string }) => {
		if (status !== 'connected') return;
		const { awareness } = provider;
		for (const id of [...awareness.meta.keys()]) if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
		const state = awareness.getLocalState();
		if (state !== null) awareness.setLocalState(state);
	};
	provider.on('status', renew);
	return () => provider.off('status', renew);
}

export function defaultServerUrl(location: Location): string {
	return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
}

export function connectWorkspace(options: SyncOptions): SyncConnection {
	const provider = new WebsocketProvider(
		(options.serverUrl ?? defaultServerUrl(window.location)) + SYNC_PATH,
		roomNameFor(options.workspaceId),
		options.doc,
		{ maxBackoffTime: 5000 }
	);
	const listeners = new Set<() => void>();
	let status: SyncStatus = 'connecting';
	let saved = false;
	let refusedWith: number | null = null;
	let lastError: string | null = null;

	const notify = () => {
		for (const listener of listeners) listener();
	};
	/** Recomputes the status; true when it changed (listeners were told). */
	const update = (): boolean => {
		const next: SyncStatus =
			refusedWith !== null
				? 'refused'
				: provider.wsconnected
					? saved
						? 'saved'
						: 'sending'
					: // Only the first attempt shows "connecting"; after a failed one the data is
						// only on this device until a connection succeeds (retries continue quietly).
						provider.wsconnecting && navigator.onLine && provider.wsUnsuccessfulReconnects === 0
						? 'connecting'
						: 'offline';
		if (next === status) return false;
		status = next;
		if (detail) place = placeFor(place.changes);
		notify();
		return true;
	};
	let detail: PersistedDetail | null = null;
	const placeFor = (changes: number): SyncPlace => {
		const savedAt = detail?.savedAt ?? null;
		if (changes === 0 && detail?.known) return { where: 'server', changes, savedAt };
		return { where: provider.wsconnected && refusedWith === null ? 'sending' : 'device', changes, savedAt };
	};
	let place: SyncPlace = { where: 'device', changes: 0, savedAt: null };
	const stopPersisted = trackPersisted(
		provider,
		(value, next) => {
			saved = value;
			detail = next;
			place = placeFor(next.pending === 0 ? 0 : Math.max(1, unsavedFields(options.doc, { kind: 'all' }, next.saved)));
			// Parts of the doc (the task list) may have changed even when the status did not.
			if (!update()) notify();
		},
		{ initial: options.durableMark?.read() ?? null, ...(options.durableMark ? { onDurable: options.durableMark.write } : {}) }
	);
	let recovering = false;
	const recover = () => {
		// A rebuilt doc refused again at once would rebuild (and reload) forever: once a minute at most.
		if (!mayRecoverNow(options.workspaceId)) return;
		// Every reconnect would send the refused update again: stop until the doc is rebuilt.
		recovering = true;
		provider.disconnect();
		const room = roomNameFor(options.workspaceId);
		recoverFromRefusal(options.doc, { serverUrl: options.serverUrl ?? defaultServerUrl(window.location), room })
			.then((rebuilt) => options.onRebuilt?.(rebuilt))
			.catch(() => {
				recovering = false;
				provider.connect();
			});
	};
	// The server dropped an update (a viewer's edit, a write to the read-only facts room, or an
	// update over a bound).
	provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => {
		lastError = decoding.readVarString(decoder);
		if (DROPPED_UPDATE_CODES.has(lastError) && !recovering) recover();
		for (const listener of listeners) listener();
	};
	provider.on('status', update);
	renewPresenceOnConnect(provider);
	provider.on('closed', (event: { code: number }) => {
		refusedWith = event.code === CLOSE.tooLarge ? null : event.code;
		update();
	});
	const onNetwork = () => {
		if (navigator.onLine && !provider.wsconnected && refusedWith === null && !recovering) provider.connect();
		update();
	};
	window.addEventListener('online', onNetwork);
	window.addEventListener('offline', onNetwork);

	return {
		get status() {
			return status;
		},
		get refusedWith() {
			return refusedWith;
		},
		get lastError() {
			return lastError;
		},
		get place() {
			return place;
		},
		placeOf(scope) {
			if (!detail) return place;
			return placeFor(detail.pending === 0 ? 0 : unsavedFields(options.doc, scope, detail.saved));
		},
		provider,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		destroy() {
			window.removeEventListener('online', onNetwork);
			window.removeEventListener('offline', onNetwork);
			stopPersisted();
			provider.destroy();
		}
	};
}

/** Refusals of a document update after which every later update of this client id would be refused too. */
const DROPPED_UPDATE_CODES: ReadonlySet<string> = new Set([SYNC_ERROR.updateRefused, SYNC_ERROR.reservedClient, SYNC_ERROR.fieldBound]);
const RECOVERY_INTERVAL_MS = 60_000;

/** Records a recovery attempt for the workspace unless one was made less than a minute ago (across reloads). */
function mayRecoverNow(workspaceId: string): boolean {
	const key = `beian:recovered:${workspaceId}`;
	try {
		const last = Number(sessionStorage.getItem(key) ?? 0);
		if (Date.now() - last < RECOVERY_INTERVAL_MS) return false;
		sessionStorage.setItem(key, String(Date.now()));
	} catch {
		// No sessionStorage (private mode quota): recover; the in-page flag still prevents a loop within one page.
	}
	return true;
}
