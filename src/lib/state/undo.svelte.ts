/**
 * Undo and redo for the forms (UNDO-1, UNDO-2): one `Y.UndoManager` per part of the workspace
 * (subject, websites) for as long as the workspace is open, so a step made on one page can be
 * undone on the next (a website removed on its page, restored from the task list). Only this
 * tab's own edits are on its stacks (see sync/undo.ts).
 */
import type * as Y from 'yjs';
import { createUndo, undoShortcut, type UndoScope } from '../sync/undo.ts';

export class UndoState {
	#manager: Y.UndoManager;
	#version = $state(0);

	constructor(doc: Y.Doc, scope: UndoScope) {
		this.#manager = createUndo(doc, scope);
		const bump = () => this.#version++;
		this.#manager.on('stack-item-added', bump);
		this.#manager.on('stack-item-popped', bump);
		this.#manager.on('stack-cleared', bump);
	}

	get canUndo(): boolean {
		void this.#version;
		return this.#manager.undoStack.length > 0;
	}

	get canRedo(): boolean {
		void this.#version;
		return this.#manager.redoStack.length > 0;
	}

	undo(): boolean {
		return this.#manager.undo() !== null;
	}

	redo(): boolean {
		return this.#manager.redo() !== null;
	}

	/** Whether a key press asks for undo (Ctrl/Cmd+Z) or redo (Ctrl/Cmd+Shift+Z, Ctrl+Y). */
	shortcutOf(event: KeyboardEvent): 'undo' | 'redo' | null {
		return undoShortcut(event);
	}

	/** Ends the current step: the next edit is undone on its own (e.g. a removal). */
	checkpoint(): void {
		this.#manager.stopCapturing();
	}

	destroy(): void {
		this.#manager.destroy();
	}
}
