/**
 * The subject of the open workspace: its draft as merged from every device, its issues (data
 * issues from the binding, the live domain rules, what the field bounds refused at the last
 * write), and the intent-named changes. Wraps the Y.Map with createSubscriber.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { Issue } from '../../domain/result.ts';
import type { SubjectDraft } from '../../domain/workspace/drafts.ts';
import { readSubject, setSubjectChoice, setSubjectText, subjectSource, type SubjectChoiceField, type SubjectTextField } from '../../sync/bindings/subject.ts';
import { draftRules } from './draft-checks.svelte.ts';
import { issuesOn } from './field-issues.ts';

export class SubjectManager {
	#doc: Y.Doc;
	#subscribe: () => void;
	/** What the bounds refused at the last write of each field (cleared by a write that keeps all). */
	#refused = $state<Record<string, Issue[]>>({});
	#read = $derived.by(() => {
		this.#subscribe();
		return readSubject(this.#doc);
	});

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => {
			const map = subjectSource(doc);
			map.observeDeep(update);
			return () => map.unobserveDeep(update);
		});
	}

	readonly draft: SubjectDraft = $derived(this.#read.value);

	/** Every issue of the subject: unreadable data, live rule results (once loaded), refused input. */
	readonly issues: readonly Issue[] = $derived([...this.#read.issues, ...Object.values(this.#refused).flat(), ...(draftRules()?.checkSubjectDraft(this.#read.value) ?? [])]);

	/** The issues shown next to one field, e.g. `name` or `leader.mobile`. */
	issuesOf(field: string): Issue[] {
		return issuesOn(this.issues, field);
	}

	/** 主办单位名称: the one subject name, typed when binding and edited in the editor alike. */
	get name(): string {
		return this.draft.name;
	}

	/** Puts the binding form's first choices (enterprise, USCC) into a draft that has none yet. */
	chooseDefaults(): void {
		if (!this.draft.type) this.setChoice('type', 'enterprise');
		if (!this.draft.certificateType) this.setChoice('certificateType', 'uscc-certificate');
	}

	setText(field: SubjectTextField, text: string): void {
		this.#remember(field, setSubjectText(this.#doc, field, text));
	}

	setChoice(field: SubjectChoiceField, value: unknown): void {
		this.#remember(field, setSubjectChoice(this.#doc, field, value));
	}

	#remember(field: string, refused: Issue[]): void {
		if (refused.length === 0 && !(field in this.#refused)) return;
		const next = { ...this.#refused };
		if (refused.length > 0) next[field] = refused;
		else delete next[field];
		this.#refused = next;
	}
}
