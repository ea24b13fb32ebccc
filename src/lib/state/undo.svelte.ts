/**
 * Undo and redo for the forms (UNDO-1, UNDO-2): one `Y.UndoManager` per part of the workspace
 * (subject, websites) for as long as the workspace is open, so a step made on one page can be
 * undone on the next (a website removed on its page, restored from the task list). Only this
 * tab's own edits are on its stacks (see sync/undo.ts).
 */
import type * as Y from 'yjs';
import { createUndo, stepBreaksFieldBounds, undoShortcut, type UndoScope } from '../sync/undo.ts';

export class UndoState {
	#manager: Y.UndoManager;
	#doc: Y.Doc;
	#scope: UndoScope;
	#version = $state(0);
	#refused = $state(false);

	constructor(doc: Y.Doc, scope: UndoScope) {
		this.#doc = doc;
		this.#scope = scope;
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

	/** Whether the last undo or redo was refused because it would put a field past its bound (ROOM-6). */
	get refused(): boolean {
		return this.#refused;
	}

	undo(): boolean {
		return this.#step('undo');
	}

	redo(): boolean {
		return this.#step('redo');
	}

	/** A step the server would drop (ROOM-6) is refused here, before it is applied or sent; it stays on its stack. */
	#step(step: 'undo' | 'redo'): boolean {
		this.#refused = stepBreaksFieldBounds(this.#doc, this.#scope, this.#manager, step);
		if (this.#refused) return false;
		return (step === 'undo' ? this.#manager.undo() : this.#manager.redo()) !== null;
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
