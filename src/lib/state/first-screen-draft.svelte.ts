/**
 * The start page's first screen: the active workspace's draft, read with the bare IndexedDB API
 * (storage/first-read.ts) into a Y.Doc of its own, shown and editable before Dexie, y-dexie and
 * the workspace session have loaded. Nothing typed here is lost: each edit goes to the local
 * journal at once (local-wal.ts), and when the workspace opens from IndexedDB the draft hands it
 * every edit made so far and forwards each later one, until the host swaps it for the session.
 */
import type * as Y from 'yjs';
import { handOverEdits, readStoredDoc } from '../storage/first-read.ts';
import { journalUnstored } from '../storage/local-wal.ts';
import { ensureLayout } from '../sync/doc-layout.ts';
import { SubjectManager } from './workspace/subject.svelte.ts';

/** Transaction origin of the draft's edits as handed to the opened workspace (journaled and stored there). */
export const FIRST_SCREEN_ORIGIN = 'first-screen';

export class FirstScreenDraft {
	readonly id: string;
	readonly subject: SubjectManager;
	#doc: Y.Doc;
	#stop: () => void;

	private constructor(id: string, doc: Y.Doc) {
		this.id = id;
		this.#doc = doc;
		this.subject = new SubjectManager(doc);
		this.#stop = journalUnstored(doc, id);
	}

	/** Reads the workspace's stored draft and journal; rejects when IndexedDB refuses. */
	static async open(workspaceId: string): Promise<FirstScreenDraft> {
		const doc = await readStoredDoc(workspaceId);
		ensureLayout(doc);
		return new FirstScreenDraft(workspaceId, doc);
	}

	/**
	 * Hands the opened workspace's doc every edit made here that it lacks, then forwards each
	 * later edit as it is made (its own journal and y-dexie keep them from then on). Call it in
	 * the task that starts that doc's journal, so no edit falls between the two.
	 */
	handOver(target: Y.Doc): void {
		this.#stop();
		this.#stop = handOverEdits(this.#doc, target, FIRST_SCREEN_ORIGIN);
	}

	close(): void {
		this.#stop();
		this.#doc.destroy();
	}
}
