/** The websites of the open workspace: drafts, their issues, and the intent-named changes. */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { Issue } from '../../domain/result.ts';
import { atPath } from '../../domain/result.ts';
import type { SubjectDraft, WebsiteDraft } from '../../domain/workspace/drafts.ts';
import { addWebsite, readWebsites, removeWebsite, setWebsiteText, setWebsiteValue, websitesSource, type WebsiteTextField, type WebsiteValueField } from '../../sync/bindings/websites.ts';
import { draftRules } from './draft-checks.svelte.ts';
import { issuesOn } from './field-issues.ts';

export class WebsitesManager {
	#doc: Y.Doc;
	#subject: () => SubjectDraft;
	#subscribe: () => void;
	#refused = $state<Record<string, Issue[]>>({});
	#read = $derived.by(() => {
		this.#subscribe();
		return readWebsites(this.#doc);
	});

	constructor(doc: Y.Doc, subject: () => SubjectDraft) {
		this.#doc = doc;
		this.#subject = subject;
		this.#subscribe = createSubscriber((update) => {
			const map = websitesSource(doc);
			map.observeDeep(update);
			return () => map.unobserveDeep(update);
		});
	}

	readonly list: readonly WebsiteDraft[] = $derived(this.#read.value);

	/** Issues with paths `['websites', id, …field]`. */
	readonly issues: readonly Issue[] = $derived([
		...this.#read.issues,
		...Object.values(this.#refused).flat(),
		...this.#read.value.flatMap((site) => atPath(['websites', site.id], draftRules()?.checkWebsiteDraft(site, this.#subject()) ?? []))
	]);

	issuesOf(id: string, field: string): Issue[] {
		return issuesOn(this.issues, `websites.${id}.${field}`);
	}

	/** Adds an empty website; its id, or null at the limit. */
	add(): string | null {
		return addWebsite(this.#doc);
	}

	remove(id: string): void {
		removeWebsite(this.#doc, id);
	}

	setText(id: string, field: WebsiteTextField, text: string): void {
		this.#remember(`${id}.${field}`, setWebsiteText(this.#doc, id, field, text));
	}

	setValue(id: string, field: WebsiteValueField, value: unknown): void {
		this.#remember(`${id}.${field}`, setWebsiteValue(this.#doc, id, field, value));
	}

	#remember(key: string, refused: Issue[]): void {
		if (refused.length === 0 && !(key in this.#refused)) return;
		const next = { ...this.#refused };
		if (refused.length > 0) next[key] = refused;
		else delete next[key];
		this.#refused = next;
	}
}
