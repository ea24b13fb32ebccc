/**
 * One order draft as the applicant's screens see it: the Order it would send, its issues (full
 * validation and rejection risk once every choice is made), the task list, its acknowledgments
 * and whether it is already in the outbox. Derived live from the workspace; no markup.
 */
import { getContext, setContext } from 'svelte';
import { canSend, deriveTasks, documentFactsKnown, draftOrderIssues, draftWebsites, freezeDraft, warningKey, type DraftOrderInput, type Task } from '../domain/order/draft-order.ts';
import { migrateOrder, type Order } from '../domain/order/order.ts';
import type { Issue } from '../domain/result.ts';
import { openReasons, reasonIssues, REVISABLE_STATUSES } from '../domain/review/reason-fields.ts';
import type { ReviewReason } from '../domain/review/review.ts';
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

	/**
	 * Back from the review desk (REV-8): the server has this order in a status that waits for the
	 * next revision and this device's copy was sent before that (or there is none): the draft is
	 * open again, and "send" queues the next revision.
	 */
	readonly reopened: boolean = $derived.by(() => {
		const tracking = this.workspace.tracking;
		const tracked = tracking?.order(this.idOf()) ?? null;
		if (!tracked || !REVISABLE_STATUSES.includes(tracked.summary.status)) return false;
		const entry = tracking?.entry(this.idOf()) ?? null;
		return entry === null || entry.state === 'sent';
	});

	/** The desk's reasons that still stand (REV-9): each until its field differs from the copy the desk rejected. */
	readonly reasons: readonly ReviewReason[] = $derived.by(() => {
		const tracked = this.workspace.tracking?.order(this.idOf()) ?? null;
		if (!tracked || !this.reopened || !this.#input) return [];
		return openReasons({ status: tracked.summary.status, review: tracked.summary.review, rejected: this.#queued?.order ?? null, current: freezeDraft({ ...this.#input, now: nowIso() }).order });
	});

	/** Every issue, paths into the Order (`websites` by index in {@link websites}); the desk's standing reasons among them (REV-8). */
	readonly issues: readonly Issue[] = $derived(this.#input ? [...draftOrderIssues(this.#input, { accessProvider: accessProvider.name }), ...reasonIssues(this.reasons)] : []);

	readonly tasks: readonly Task[] = $derived(
		deriveTasks({ websiteIds: this.websites.map((w) => w.id), issues: this.issues, queued: this.#queued !== null, documentFactsKnown: this.#input ? documentFactsKnown(this.#input) : false })
	);

	readonly acknowledged: readonly string[] = $derived(this.draft?.acknowledgedWarnings.map((a) => a.rule) ?? []);

	readonly sendable: boolean = $derived(this.#input !== null && canSend(this.issues, this.acknowledged));

	/** The order in the outbox, once sent; null before, and null again while a rejected order is {@link reopened}. */
	get queued(): QueuedOrder | null {
		return this.reopened ? null : this.#queued;
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
		const tracking = this.workspace.tracking;
		if (tracking) {
			// Through the sender, so it sees the entry at once (a resend after a rejection closes `reopened`).
			await tracking.queue(order);
			this.#queued = await this.#outbox.queued(order.id);
		} else this.#queued = await this.#outbox.queueOrder(order, this.workspace.accountId);
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
