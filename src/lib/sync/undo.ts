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

/** The origin of this tab's own edits, for callers that name it (the default `null` is tracked too). */
export const LOCAL_EDIT = 'beian-local-edit';

/** Edits closer together than this are one undo step (a burst of typing). */
export const UNDO_CAPTURE_MS = 500;

/** The parts of the workspace a form edits, each undone on its own. */
export type UndoScope = 'subject' | 'websites';

export function createUndo(doc: Y.Doc, scope: UndoScope): Y.UndoManager {
	const type = doc.getMap(scope === 'subject' ? ROOT.subject : ROOT.websites);
	return new Y.UndoManager(type, { trackedOrigins: new Set<unknown>([null, LOCAL_EDIT]), captureTimeout: UNDO_CAPTURE_MS });
}

/** Whether a keyboard event asks for undo (Ctrl/Cmd+Z) or redo (Shift+Ctrl/Cmd+Z, Ctrl+Y). */
export function undoShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | null {
	if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
	return null;
}
