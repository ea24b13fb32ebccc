/** Order drafts of the open workspace and the intent-named changes. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { OperationKind } from '../../domain/operation/operation-kind.ts';
import type { Issue } from '../../domain/result.ts';
import type { OrderDraft } from '../../domain/workspace/drafts.ts';
import { addOrderDraft, ordersSource, readOrders, removeOrderDraft, setOrderValue } from '../../sync/bindings/orders.ts';

export class OrdersManager {
	#doc: Y.Doc;
	#subscribe: () => void;
	#read = $derived.by(() => {
		this.#subscribe();
		return readOrders(this.#doc);
	});

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => {
			const map = ordersSource(doc);
			map.observeDeep(update);
			return () => map.unobserveDeep(update);
		});
	}

	readonly drafts: readonly OrderDraft[] = $derived(this.#read.value);
	readonly issues: readonly Issue[] = $derived(this.#read.issues);

	/** Starts a draft; `created` is the ISO date-time it was started (the caller's clock). */
	start(kind: OperationKind, websiteIds: readonly string[], created: string): string {
		return addOrderDraft(this.#doc, { kind, websiteIds, created });
	}

	discard(id: string): void {
		removeOrderDraft(this.#doc, id);
	}

	/** The draft with `id`, or undefined. */
	byId(id: string): OrderDraft | undefined {
		return this.drafts.find((d) => d.id === id);
	}

	/** Replaces the websites the draft files (ids of this workspace, in order). */
	setWebsites(id: string, websiteIds: readonly string[]): Issue[] {
		return setOrderValue(this.#doc, id, 'websiteIds', websiteIds.filter((id, i) => websiteIds.indexOf(id) === i));
	}

	/** Records that `by` (account id) acknowledged the warnings of `rule` at `at` (ORDER-2); once per rule. */
	acknowledge(id: string, rule: string, by: string, at: string): Issue[] {
		const draft = this.byId(id);
		if (!draft || draft.acknowledgedWarnings.some((a) => a.rule === rule)) return [];
		return setOrderValue(this.#doc, id, 'acknowledgedWarnings', [...draft.acknowledgedWarnings, { rule, by, at }]);
	}

	/** Takes an acknowledgment back. */
	unacknowledge(id: string, rule: string): Issue[] {
		const draft = this.byId(id);
		if (!draft) return [];
		return setOrderValue(this.#doc, id, 'acknowledgedWarnings', draft.acknowledgedWarnings.filter((a) => a.rule !== rule));
	}
}
