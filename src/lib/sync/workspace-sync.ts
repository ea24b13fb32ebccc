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
import { trackPersisted } from './persisted.ts';
import * as decoding from 'lib0/decoding';
import { CLOSE, MESSAGE_ERROR, SYNC_ERROR, SYNC_PATH } from './protocol.ts';
import { recoverFromRefusal } from './refusal.ts';

export type SyncStatus = 'offline' | 'connecting' | 'sending' | 'saved' | 'refused';

export interface SyncConnection {
	readonly status: SyncStatus;
	/** The close code when status is `refused`. */
	readonly refusedWith: number | null;
	/** The last error the server answered an update with (e.g. `read-only`), or null. */
	readonly lastError: string | null;
	/** Subscribes to status changes; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
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

	const update = () => {
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
		if (next === status) return;
		status = next;
		for (const listener of listeners) listener();
	};
	const stopPersisted = trackPersisted(provider, (value) => {
		saved = value;
		update();
	});
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
