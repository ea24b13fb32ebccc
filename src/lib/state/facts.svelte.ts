/**
 * The server-owned facts of a subject (binding, later order status and filing numbers): a
 * Y.Doc the server alone writes. This device syncs it read-only and keeps it in IndexedDB,
 * so the facts show offline too.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { BeianDb } from '../storage/db.ts';
import { openWorkspace, type OpenWorkspace } from '../storage/workspaces.ts';
import { factsDocId, readBoundAt } from '../sync/doc-layout.ts';
import type { SyncConnection } from '../sync/workspace-sync.ts';

export class FactsState {
	#local: OpenWorkspace;
	#sync: SyncConnection | null;
	#subscribe: () => void;

	private constructor(local: OpenWorkspace, sync: SyncConnection | null) {
		this.#local = local;
		this.#sync = sync;
		this.#subscribe = createSubscriber((update) => {
			local.doc.on('update', update);
			return () => local.doc.off('update', update);
		});
	}

	/** Opens the facts of `subjectId` from this device and starts syncing them from the server. */
	static async open(db: BeianDb, subjectId: string): Promise<FactsState> {
		const syncModule = import('../sync/workspace-sync.ts').catch(() => null);
		const id = factsDocId(subjectId);
		const local = await openWorkspace(db, id);
		const sync = (await syncModule)?.connectWorkspace({ doc: local.doc, workspaceId: id }) ?? null;
		return new FactsState(local, sync);
	}

	/** When the subject was bound to its account (ISO date-time), once known on this device. */
	get boundAt(): string | null {
		this.#subscribe();
		return readBoundAt(this.#local.doc);
	}

	/**
	 * Reads the facts doc with a sync-layer reader (e.g. the orders and the approved record of
	 * `sync/facts-orders.ts`, loaded with the tracking code), re-running when the facts change.
	 */
	read<T>(reader: (doc: Y.Doc) => T): T {
		this.#subscribe();
		return reader(this.#local.doc);
	}

	close(): void {
		this.#sync?.destroy();
		this.#local.close();
	}
}
