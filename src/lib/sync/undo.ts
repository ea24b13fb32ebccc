/**
 * Undo and redo of one person's own edits, per form (UNDO-1): a `Y.UndoManager` over the form's
 * part of the workspace doc that tracks only this tab's local transactions. The bindings write
 * without an origin (Yjs's local default, `null`) or with {@link LOCAL_EDIT}; a collaborator's
 * update arrives with the sync provider as its origin and the layout templates with
 * LAYOUT_ORIGIN, so neither is ever undone — Yjs keeps their changes when ours are reverted.
 * Deleting a record is undone with its fields (the deleted Y.Map comes back whole).
 */
import * as Y from 'yjs';
import { WORKSPACE_ROOT as ROOT } from '../domain/workspace/layout.ts';
import { changeBreaksFieldBounds } from './field-bounds-check.ts';

/** The origin of this tab's own edits, for callers that name it (the default `null` is tracked too). */
export const LOCAL_EDIT = 'beian-local-edit';

/** Edits closer together than this are one undo step (a burst of typing). */
export const UNDO_CAPTURE_MS = 500;

/** The parts of the workspace a form edits, each undone on its own. */
export type UndoScope = 'subject' | 'websites';

export function createUndo(doc: Y.Doc, scope: UndoScope): Y.UndoManager {
	keepDeletedContainers(doc);
	const type = doc.getMap(scope === 'subject' ? ROOT.subject : ROOT.websites);
	return new Y.UndoManager(type, { trackedOrigins: new Set<unknown>([null, LOCAL_EDIT]), captureTimeout: UNDO_CAPTURE_MS });
}

const keepsContainers = new WeakSet<Y.Doc>();

/**
 * Makes `doc` keep the structure of a deleted container (a removed website's Y.Map, a Y.Text)
 * instead of garbage-collecting it: its children still become empty `ContentDeleted` items, but
 * stay items. Why: Yjs 13.6 collects a deleted container's children whether or not the undo
 * manager keeps them, and clearing the redo stack un-keeps a container another step still
 * follows. An undo that then follows a `redone` link into a collected child throws inside Yjs
 * (`reading 'redone'` of a GC struct) and loses the step (the sync fuzz found it: a website
 * restored by undo, edited, undone, then removed by a collaborator). Deleted text, the bulk of
 * what is collected, is collected as before.
 */
function keepDeletedContainers(doc: Y.Doc): void {
	if (keepsContainers.has(doc)) return;
	keepsContainers.add(doc);
	const collects = doc.gcFilter;
	doc.gcFilter = (item) => !(item.content instanceof Y.ContentType) && collects(item);
}

/** Whether a keyboard event asks for undo (Ctrl/Cmd+Z) or redo (Shift+Ctrl/Cmd+Z, Ctrl+Y). */
export function undoShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | null {
	if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
	return null;
}

/**
 * Whether the next undo (or redo) of `manager` would put a field past its bound (ROOM-6), so the
 * server would drop it: the step is tried on a copy of the doc with this tab's client id, and the
 * state it leaves is checked with the server's rule (`changeBreaksFieldBounds`). The real doc is untouched.
 */
export function stepBreaksFieldBounds(doc: Y.Doc, scope: UndoScope, manager: Y.UndoManager, step: 'undo' | 'redo'): boolean {
	const stack = step === 'undo' ? manager.undoStack : manager.redoStack;
	if (stack.length === 0) return false;
	const copy = new Y.Doc({ gc: false });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	// After the state: Yjs gives a doc a new client id when an update it receives carries its own.
	copy.clientID = doc.clientID;
	const trial = createUndo(copy, scope);
	// Stack items name structs by id, so the copy's manager can pop this tab's steps.
	if (step === 'undo') trial.undoStack = [...stack];
	else trial.redoStack = [...stack];
	let changed = false;
	copy.on('update', () => (changed = true));
	try {
		if (step === 'undo') trial.undo();
		else trial.redo();
		return changed && changeBreaksFieldBounds(doc, copy, new Set([doc.clientID]));
	} finally {
		trial.destroy();
		copy.destroy();
	}
}
