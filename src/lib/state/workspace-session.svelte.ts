/**
 * The composition root of one open workspace: its Y.Doc (kept on the device by y-dexie), its
 * connection to the sync server, the server-owned facts doc, and the child managers (subject,
 * websites, orders, attachments). Routes reach it through the WorkspaceHost in context and never
 * see a Y.Doc; the host opens and closes sessions as the signed-in account changes.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { BeianDb } from '../storage/db.ts';
import { openWorkspace, replaceWorkspaceDoc, type OpenWorkspace } from '../storage/workspaces.ts';
import { requestPersistentStorage } from '../storage/device-data.ts';
import { ensureLayout } from '../sync/doc-layout.ts';
import { clearDurableMark, readDurableMark, writeDurableMark } from '../storage/durable-marks.ts';
import type { SyncConnection, SyncPlace, SyncScope, SyncStatus } from '../sync/workspace-sync.ts';
import type { AttachmentsState } from './attachments.svelte.ts';
import type { FirstScreenDraft } from './first-screen-draft.svelte.ts';
import { logBackground, type WatchBackground } from './errors.svelte.ts';
import { FactsState } from './facts.svelte.ts';
import { AttachmentRefsManager } from './workspace/attachment-refs.svelte.ts';
import { OrdersManager } from './workspace/orders.svelte.ts';
import { SubjectManager } from './workspace/subject.svelte.ts';
import type { TrackingState } from './tracking.svelte.ts';
import { WebsitesManager } from './workspace/websites.svelte.ts';
import { PresenceManager } from './presence.svelte.ts';
import { UndoState } from './undo.svelte.ts';
import type { UndoScope } from '../sync/undo.ts';

export interface WorkspaceSessionOptions {
	db: BeianDb;
	/** Local id: the subject id, or the device's local draft. */
	workspaceId: string;
	/** Whether it syncs with the server (false for the local draft of a device without a subject). */
	syncs: boolean;
	/** The signed-in account (its vault keeps the document photos); null for a device with no account. */
	accountId?: string | null;
	/** Where background promises go (the error funnel's `watch`). */
	watch?: WatchBackground;
	/** The start page's first-screen draft of this workspace, if one is shown: it hands its edits over as the doc opens. */
	firstScreen?: () => FirstScreenDraft | null;
}

const LOCAL_PLACE: SyncPlace = Object.freeze({ where: 'device', changes: 0, savedAt: null });

export class WorkspaceSession {
	readonly id: string;
	readonly syncs: boolean;
	readonly subject: SubjectManager;
	readonly websites: WebsitesManager;
	readonly orders: OrdersManager;
	/** Document references (metadata) of this workspace, without loading the upload machinery. */
	readonly documentRefs: AttachmentRefsManager;
	#db: BeianDb;
	#accountId: string | null;
	#watch: WatchBackground;
	#local: OpenWorkspace;
	#sync: SyncConnection | null;
	#facts = $state<FactsState | null>(null);
	#attachments: Promise<AttachmentsState> | null = null;
	#tracking = $state<TrackingState | null>(null);
	#closed = false;
	#subscribeStatus: () => void;
	#presence: PresenceManager | null = null;
	// Filled on first use from templates (a derived context): a reactive map may not change there.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#undo = new Map<UndoScope, UndoState>();
	/** The website this tab last removed from an order, for the task list's "undo" (UNDO-2). */
	removedWebsite = $state<{ orderId: string; websiteId: string; index: number; name: string } | null>(null);

	private constructor(options: WorkspaceSessionOptions, local: OpenWorkspace, sync: SyncConnection | null) {
		this.id = options.workspaceId;
		this.syncs = options.syncs;
		this.#db = options.db;
		this.#accountId = options.accountId ?? null;
		this.#watch = options.watch ?? logBackground;
		this.#local = local;
		this.#sync = sync;
		this.subject = new SubjectManager(local.doc);
		this.websites = new WebsitesManager(local.doc, () => this.subject.draft);
		this.orders = new OrdersManager(local.doc);
		this.documentRefs = new AttachmentRefsManager(local.doc);
		this.#subscribeStatus = createSubscriber((update) => sync?.subscribe(update));
		if (sync) this.#presence = new PresenceManager(sync.provider.awareness, local.doc);
	}

	/** Who else is here and where (awareness over the sync socket); null without sync. */
	get presence(): PresenceManager | null {
		return this.#presence;
	}

	/** Undo and redo of this tab's own edits to one part of the workspace, kept while it is open. */
	undoFor(scope: UndoScope): UndoState {
		let state = this.#undo.get(scope);
		if (!state) {
			state = new UndoState(this.#local.doc, scope);
			this.#undo.set(scope, state);
		}
		return state;
	}

	/**
	 * Opens a workspace from IndexedDB; when `syncs`, connects it and its facts doc to the server
	 * (offline they keep retrying quietly). A failed network chunk leaves it local-only.
	 */
	static async open(options: WorkspaceSessionOptions): Promise<WorkspaceSession> {
		// y-websocket loads while IndexedDB opens, off the first route's critical bundle.
		const syncModule = options.syncs ? import('../sync/workspace-sync.ts').catch(() => null) : null;
		const local = await openWorkspace(options.db, options.workspaceId, (doc) => options.firstScreen?.()?.handOver(doc));
		ensureLayout(local.doc);
		(options.watch ?? logBackground)(requestPersistentStorage(), 'requestPersistentStorage');
		// The server refused an update (rare): keep the rebuilt doc instead, and reopen everything from it.
		const onRebuilt = async (rebuilt: Y.Doc) => {
			local.close();
			// The rebuilt doc has a new client id: the old acknowledgment says nothing about it.
			clearDurableMark(options.workspaceId);
			await replaceWorkspaceDoc(options.db, options.workspaceId, rebuilt);
			location.reload();
		};
		const durableMark = { read: () => readDurableMark(options.workspaceId), write: (mark: { stateVector: Uint8Array; at: number }) => writeDurableMark(options.workspaceId, mark) };
		const sync = (await syncModule)?.connectWorkspace({ doc: local.doc, workspaceId: options.workspaceId, onRebuilt, durableMark }) ?? null;
		const session = new WorkspaceSession(options, local, sync);
		if (options.syncs) {
			session.#openFacts();
			session.#openTracking();
		}
		return session;
	}

	/** Server-owned facts (binding date, later order status); null until open or without sync. */
	get facts(): FactsState | null {
		return this.#facts;
	}

	/** The sent orders: the outbox sender and the lifecycle moves; null until loaded or without sync. */
	get tracking(): TrackingState | null {
		return this.#tracking;
	}

	/** Where the data is: only here, connecting, sending, saved on the server, or refused. */
	get syncStatus(): SyncStatus {
		this.#subscribeStatus();
		return this.#sync?.status ?? 'offline';
	}

	/**
	 * Where the workspace's data is, from the server's durable acknowledgment (kept on the
	 * device, so a reopen offline says the same): saved on the server at a time, sending n
	 * changes, or only on this device. The local draft of a device with no account is only here.
	 */
	get syncPlace(): SyncPlace {
		this.#subscribeStatus();
		return this.#sync?.place ?? LOCAL_PLACE;
	}

	/** Where one part of the workspace is (a task of the task list), like `syncPlace`. */
	placeOf(scope: SyncScope): SyncPlace {
		this.#subscribeStatus();
		return this.#sync?.placeOf(scope) ?? LOCAL_PLACE;
	}

	/** The account this session was opened for (its vault, its outbox entries); null without an account. */
	get accountId(): string | null {
		return this.#accountId;
	}

	/** The close code when the server refused to sync (4401 not signed in, 4403 not a member). */
	get refusedWith(): number | null {
		this.#subscribeStatus();
		return this.#sync?.refusedWith ?? null;
	}

	/**
	 * The document photos of this workspace, loaded on first use (tus is not on the first route)
	 * and started once; closed with the session. The bytes are kept in the signed-in account's
	 * vault (encrypted on this device); before any account signs in, in the device's own vault,
	 * which the first account to sign in takes over.
	 */
	attachments(): Promise<AttachmentsState> {
		const accountId = this.#accountId;
		this.#attachments ??= Promise.all([import('./attachments.svelte.ts'), import('../storage/blobs.ts'), import('./upload-settings.ts')]).then(async ([{ AttachmentsState }, { openAccountVault, DEVICE_VAULT_ID }, { uploadChunkBytes }]) => {
			const vault = await openAccountVault(this.#db, accountId ?? DEVICE_VAULT_ID);
			const chunkSize = uploadChunkBytes();
			const state = new AttachmentsState({ db: this.#db, vault, doc: this.#local.doc, subjectId: this.id, syncs: this.syncs, watch: this.#watch, ...(chunkSize ? { chunkSize } : {}) });
			if (this.#closed) return state;
			await state.start();
			if (this.#closed) state.close();
			return state;
		});
		return this.#attachments;
	}

	/** Resolves once every local edit so far is in IndexedDB. */
	flushed(): Promise<void> {
		return this.#local.flushed();
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#attachments?.then((a) => a.close(), () => undefined);
		this.#facts?.close();
		this.#tracking?.close();
		this.#presence?.close();
		for (const undo of this.#undo.values()) undo.destroy();
		this.#sync?.destroy();
		this.#local.close();
	}

	/** The outbox sender runs while the workspace is open (loaded after the first route). */
	#openTracking(): void {
		const load = import('./tracking.svelte.ts').then(async ({ TrackingState }) => {
			const tracking = new TrackingState({ db: this.#db, subjectId: this.id, accountId: this.#accountId, syncStatus: () => this.syncStatus, facts: () => this.#facts, watch: this.#watch });
			if (this.#closed) return;
			await tracking.start();
			if (this.#closed) tracking.close();
			else this.#tracking = tracking;
		});
		this.#watch(load, 'tracking.start');
	}

	#openFacts(): void {
		FactsState.open(this.#db, this.id).then(
			(facts) => {
				if (this.#closed) facts.close();
				else this.#facts = facts;
			},
			() => undefined // facts are informative; the workspace works without them
		);
	}
}
