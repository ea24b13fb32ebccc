// The presence of the form on screen, for the field components inside it: set by the form's CollabBar while it is mounted.
import type { PresenceView } from './types.ts';

export const shown = $state<{ presence: PresenceView | null; by: symbol | null }>({ presence: null, by: null });
