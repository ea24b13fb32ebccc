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

	/** Sets the operation of a draft that has none yet (the checklist asks for it). */
	setKind(id: string, kind: OperationKind): Issue[] {
		return setOrderValue(this.#doc, id, 'kind', kind);
	}

	discard(id: string): void {
		removeOrderDraft(this.#doc, id);
	}
}
