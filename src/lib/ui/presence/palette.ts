/**
 * The presence colours (PRES-6): one per person, each dark enough for white text (WCAG AA) and
 * always shown with the person's initial and name, never as the only cue.
 */
import { PRESENCE_COLOURS } from '../../domain/presence/presence.ts';
import { m } from '../../i18n/paraglide/messages.js';
import type { PresenceRole } from '../../domain/presence/presence.ts';

export const PRESENCE_PALETTE: readonly string[] = ['#1f5fbf', '#a3165b', '#1a7f37', '#9a4a00', '#6b3fa0', '#00707a', '#8a1414', '#3d4a5c'];

export function colourOf(index: number): string {
	return PRESENCE_PALETTE[((index % PRESENCE_COLOURS) + PRESENCE_COLOURS) % PRESENCE_COLOURS] ?? '#3d4a5c';
}

/** The name shown for a person (a placeholder when they set none). */
export function shownName(name: string): string {
	return name.trim() === '' ? m.presence_unnamed() : name;
}

/** The first character of a name, for the coloured mark. */
export function initialOf(name: string): string {
	return [...shownName(name)][0] ?? '?';
}

export function roleLabel(role: PresenceRole): string {
	return role === 'owner' ? m.role_owner() : role === 'editor' ? m.role_editor() : m.role_viewer();
}
