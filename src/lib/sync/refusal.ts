/**
 * What an honest client does when the server answers `MESSAGE_ERROR` `update-refused` (rare: it
 * checks the same bounds before it writes). The server dropped one of its updates, and every
 * later update of the same client id depends on it, so nothing it writes would ever be
 * acknowledged again. It therefore
 *
 * 1. stops syncing the doc (every reconnect would send the refused update again);
 * 2. fetches the server's state into a fresh Y.Doc — which has a new client id;
 * 3. re-applies its own field values on top of it (`rebuildOnto`): Y.Text by a minimal splice,
 *    nested Y.Maps field by field, plain values when they differ and are within the bounds —
 *    so the refused value is left out and everything else it typed is kept;
 * 4. replaces its local copy (IndexedDB, journal) with the rebuilt doc and reopens it, so the
 *    refused update is never loaded or sent again (see `storage/workspaces.ts`
 *    `replaceWorkspaceDoc`).
 *
 * Deletions the client made after the refused update are not re-applied (a deleted key the
 * server still has comes back); its later writes and edits are.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { ROOT } from './doc-layout.ts';
import { SYNC_PATH } from './protocol.ts';
import { spliceBetween } from './text-diff.ts';
import { isAllowedValue } from './update-bounds.ts';

const REBUILD_ORIGIN = 'rebuild';

/** Re-applies the layout's top-level maps of `local` onto `base` (the server's state). */
export function rebuildOnto(base: Y.Doc, local: Y.Doc): Y.Doc {
	base.transact(() => {
		for (const root of Object.values(ROOT)) copyMap(local.getMap(root), base.getMap(root));
	}, REBUILD_ORIGIN);
	return base;
}

function copyMap(from: Y.Map<unknown>, to: Y.Map<unknown>): void {
	for (const [key, value] of from.entries()) {
		const current = to.get(key);
		if (value instanceof Y.Text) {
			if (current instanceof Y.Text) spliceText(current, value.toString());
			else to.set(key, new Y.Text(value.toString()));
		} else if (value instanceof Y.Map) {
			if (current instanceof Y.Map) copyMap(value, current);
			else {
				const map = new Y.Map<unknown>();
				to.set(key, map);
				copyMap(value, map);
			}
		} else if (!(value instanceof Y.AbstractType) && isAllowedValue(value) && JSON.stringify(current) !== JSON.stringify(value)) {
			to.set(key, value);
		}
	}
}

function spliceText(text: Y.Text, value: string): void {
	const splice = spliceBetween(text.toString(), value);
	if (!splice) return;
	if (splice.remove > 0) text.delete(splice.index, splice.remove);
	if (splice.insert) text.insert(splice.index, splice.insert);
}

export interface FetchOptions {
	/** `ws://host` or `wss://host`. */
	serverUrl: string;
	room: string;
	/** For Node (tests): a WebSocket class that sends the session cookie. */
	WebSocketPolyfill?: typeof WebSocket;
	timeoutMs?: number;
}

/** The server's state of a room, in a fresh Y.Doc (a new client id), over a one-off read-only connection. */
export function fetchServerDoc(options: FetchOptions): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(options.serverUrl + SYNC_PATH, options.room, doc, {
		disableBc: true,
		maxBackoffTime: 2000,
		...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => finish(new Error('the server state did not arrive')), options.timeoutMs ?? 30_000);
		const finish = (error: Error | null) => {
			clearTimeout(timer);
			provider.off('sync', onSync);
			provider.destroy();
			if (error) {
				doc.destroy();
				reject(error);
			} else resolve(doc);
		};
		const onSync = (synced: boolean) => synced && finish(null);
		provider.on('sync', onSync);
		provider.on('closed', (event: { code: number }) => finish(new Error(`the server refused the connection (${event.code})`)));
	});
}

/** Steps 2 and 3: the server's state with this device's values re-applied, under a new client id. */
export async function recoverFromRefusal(local: Y.Doc, options: FetchOptions): Promise<Y.Doc> {
	const base = await fetchServerDoc(options);
	return rebuildOnto(base, local);
}
