/** The document references of the open workspace (metadata only, never bytes), kept current. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { DocumentRef } from '../../domain/document/document-ref.ts';
import { attachmentsSource, readAttachments } from '../../sync/bindings/attachments.ts';

export class AttachmentRefsManager {
	#doc: Y.Doc;
	#subscribe: () => void;
	#read = $derived.by(() => {
		this.#subscribe();
		return readAttachments(this.#doc);
	});

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => {
			const map = attachmentsSource(doc);
			map.observe(update);
			return () => map.unobserve(update);
		});
	}

	readonly list: readonly DocumentRef[] = $derived(this.#read.value);
}
