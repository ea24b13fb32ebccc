/**
 * What the presence components need from the open workspace (PRES-6, PRES-7, UNDO-2), as the
 * routes hand it in: the state layer's PresenceManager and UndoState fit these shapes.
 */
import type { PresencePeer } from '../../domain/presence/presence.ts';

export type { PresencePeer };

export interface PresenceView {
	readonly peers: readonly PresencePeer[];
	peersIn(field: string): PresencePeer[];
	noticeOf(field: string): { readonly name: string; readonly value: unknown } | null;
	dismissNotice(field: string): void;
	selectionOf(peer: PresencePeer, field: string): { anchor: number; head: number } | null;
	focus(field: string | null, selection?: { anchor: number; head: number } | null): void;
}

export interface UndoView {
	readonly canUndo: boolean;
	readonly canRedo: boolean;
	/** Whether the last undo or redo was refused: it would have put a field past its bound (ROOM-6). */
	readonly refused?: boolean;
	undo(): boolean;
	redo(): boolean;
	/** Whether a key press asks for undo or redo. */
	shortcutOf(event: KeyboardEvent): 'undo' | 'redo' | null;
}
