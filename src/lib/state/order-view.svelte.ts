/**
 * One order draft as the applicant's screens see it: the Order it would send, its issues (full
 * validation and rejection risk once every choice is made), the task list, its acknowledgments
 * and whether it is already in the outbox. Derived live from the workspace; no markup.
 */
import { getContext, setContext } from 'svelte';
import { canSend, deriveTasks, documentFactsKnown, draftOrderIssues, draftWebsites, freezeDraft, warningKey, type DraftOrderInput, type Task } from '../domain/order/draft-order.ts';
import { migrateOrder, type Order } from '../domain/order/order.ts';
import type { Issue } from '../domain/result.ts';
import type { OrderDraft, WebsiteDraft } from '../domain/workspace/drafts.ts';
import type { BeianDb } from '../storage/db.ts';
import { accessProvider } from './access-provider.svelte.ts';
import { createOutbox, nowIso, type Outbox, type QueuedOrder } from './outbox.ts';
import type { WorkspaceSession } from './workspace-session.svelte.ts';

export class OrderView {
	#queued = $state<QueuedOrder | null>(null);
	#queuedLoaded = $state(false);

	readonly workspace: WorkspaceSession;
	readonly idOf: () => string;
	readonly #outbox: Outbox;

	constructor(workspace: WorkspaceSession, idOf: () => string, db: BeianDb) {
		this.workspace = workspace;
		this.idOf = idOf;
		this.#outbox = createOutbox(db);
	}

	get id(): string {
		return this.idOf();
	}

	readonly draft: OrderDraft | undefined = $derived.by(() => this.workspace.orders.byId(this.idOf()));

	readonly #input: DraftOrderInput | null = $derived.by(() => {
		const draft = this.draft;
		if (!draft) return null;
		return { draft, subjectId: this.workspace.id, subject: this.workspace.subject.draft, websites: this.workspace.websites.list, attachments: this.workspace.documentRefs.list };
	});

	/** The websites of this order, in order. */
	readonly websites: readonly WebsiteDraft[] = $derived(this.#input ? draftWebsites(this.#input) : []);

	/** Every issue, paths into the Order (`websites` by index in {@link websites}). */
	readonly issues: readonly Issue[] = $derived(this.#input ? draftOrderIssues(this.#input, { accessProvider: accessProvider.name }) : []);

	readonly tasks: readonly Task[] = $derived(
		deriveTasks({ websiteIds: this.websites.map((w) => w.id), issues: this.issues, queued: this.#queued !== null, documentFactsKnown: this.#input ? documentFactsKnown(this.#input) : false })
	);

	readonly acknowledged: readonly string[] = $derived(this.draft?.acknowledgedWarnings.map((a) => a.rule) ?? []);

	readonly sendable: boolean = $derived(this.#input !== null && canSend(this.issues, this.acknowledged));

	/** The order in the outbox, once sent; null before. */
	get queued(): QueuedOrder | null {
		return this.#queued;
	}

	get queuedLoaded(): boolean {
		return this.#queuedLoaded;
	}

	/** Reads whether this order is already in the outbox. */
	async load(): Promise<void> {
		this.#queued = await this.#outbox.queued(this.idOf());
		this.#queuedLoaded = true;
	}

	isAcknowledged(warning: Issue): boolean {
		return this.acknowledged.includes(warningKey(warning));
	}

	acknowledge(warning: Issue, by: string, checked: boolean): void {
		if (checked) this.workspace.orders.acknowledge(this.idOf(), warningKey(warning), by, nowIso());
		else this.workspace.orders.unacknowledge(this.idOf(), warningKey(warning));
	}

	/** Freezes the order and puts it in the outbox; false when it may not be sent yet. */
	async send(now: string = nowIso()): Promise<boolean> {
		const input = this.#input;
		if (!input || !this.sendable) return false;
		const parsed = migrateOrder(freezeDraft({ ...input, now }).order);
		if (!parsed.ok) return false;
		const order: Order = parsed.value;
		this.#queued = await this.#outbox.queueOrder(order, this.workspace.accountId);
		return true;
	}
}

const ORDER_VIEW = Symbol('order-view');

export function provideOrderView(view: () => OrderView | null): void {
	setContext(ORDER_VIEW, view);
}

/** The order view of the enclosing `/orders/[orderId]` layout (null while the workspace opens). */
export function useOrderView(): () => OrderView | null {
	const view = getContext<(() => OrderView | null) | undefined>(ORDER_VIEW);
	if (!view) throw new Error('useOrderView() outside /orders/[orderId]');
	return view;
}
