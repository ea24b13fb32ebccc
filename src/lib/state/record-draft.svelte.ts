/**
 * The state both record forms share (`/change/[draftId]`, `/cancel/[draftId]`): the draft kept on
 * this device (`LocalDraft`, opened again whenever the route's draft id changes), the approved
 * record it starts from and the tracking it is queued with, every keystroke saved, and "send" —
 * the page's own checks, then the order it builds frozen into the outbox and the draft forgotten.
 * Built during a page's initialisation (it takes the session, workspaces and error funnel from
 * context and starts the loading effect there).
 */
import type { z } from 'zod/mini';
import type { ApprovedRecordData } from '../domain/operation/approved-record.ts';
import { useSession, useWorkspaces } from './context.ts';
import { useErrors } from './errors.svelte.ts';
import { LocalDraft } from './local-drafts.svelte.ts';
import type { TrackingState } from './tracking.svelte.ts';

/** A problem on one field (the shape the error summary shows). */
export interface FieldProblem {
	field: string;
	text: string;
}

export interface RecordDraftOptions<T extends object> {
	/** The error funnel's context prefix: `change` or `cancel`. */
	context: string;
	schema: z.ZodMiniType<T>;
	/** The route's draft id (a rune getter). */
	draftId: () => string;
}

/** What "send" needs from the page: its checks, and the order built from the draft (null: nothing to send). */
export interface RecordDraftSend<T extends object> {
	check: (values: T) => FieldProblem[];
	build: (input: { draft: LocalDraft<T>; approved: ApprovedRecordData; subjectId: string; created: string }) => unknown;
}

export class RecordDraftState<T extends object> {
	draft = $state<LocalDraft<T> | null>(null);
	loaded = $state(false);
	/** The draft's id once its order is in the outbox. */
	sentId = $state<string | null>(null);
	problems = $state<FieldProblem[]>([]);
	sendError = $state<string | null>(null);
	#context: string;
	#host = useWorkspaces();
	#errors = useErrors();

	constructor(options: RecordDraftOptions<T>) {
		this.#context = options.context;
		const session = useSession();
		$effect(() => {
			const id = options.draftId();
			this.loaded = false;
			this.#errors.watch(
				LocalDraft.load({ db: session.db, id, schema: options.schema }).then((d) => {
					this.draft = d;
					this.loaded = true;
				}),
				`${this.#context}.load`
			);
		});
	}

	/** Whether the workspace is open (the page waits for it). */
	get ready(): boolean {
		return this.#host.current !== null;
	}

	get tracking(): TrackingState | null {
		return this.#host.current?.tracking ?? null;
	}

	/** The subject's approved record the form starts from (null before there is one). */
	get approved(): ApprovedRecordData | null {
		return this.tracking?.approved ?? null;
	}

	/** Writes the draft's current values on this device. */
	save(): void {
		if (this.draft) this.#errors.watch(this.draft.save(), `${this.#context}.save`);
	}

	/** The text of the problem on `field`, if any. */
	errorFor(field: string): string | undefined {
		return this.problems.find((p) => p.field === field)?.text;
	}

	/** The form's submit handler: checks, builds and queues the order (errors go through the funnel). */
	submit(event: SubmitEvent, send: RecordDraftSend<T>): void {
		event.preventDefault();
		this.#errors.watch(this.#send(send), `${this.#context}.send`);
	}

	async #send(send: RecordDraftSend<T>): Promise<void> {
		const { draft, approved, tracking } = this;
		if (!draft || !approved || !tracking) return;
		this.sendError = null;
		this.problems = send.check(draft.values);
		if (this.problems.length > 0) return;
		const order = send.build({ draft, approved, subjectId: tracking.subjectId, created: isoNow() });
		if (!order) return;
		try {
			await tracking.queue(order);
			await draft.discard();
			this.sentId = draft.id;
		} catch (error) {
			this.sendError = this.#errors.handle(error, `${this.#context}.queue`, { show: 'inline' });
		}
	}
}

/** Now as an ISO date-time (a plain value, nothing reactive). */
function isoNow(): string {
	return new Date().toISOString();
}
