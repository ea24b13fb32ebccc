/** Words for where data is (the badge and each task): saved on the server at HH:MM, sending n changes, only on this device. */
import type { SyncPlace } from '../sync/workspace-sync.ts';
import { m } from './paraglide/messages.js';
import { getLocale } from './paraglide/runtime.js';

/** An instant as the wall-clock time of this device (HH:MM), with the date when it is not today. */
export function formatSavedTime(ms: number, now: number = Date.now()): string {
	const date = new Date(ms);
	const sameDay = new Date(now).toDateString() === date.toDateString();
	const options: Intl.DateTimeFormatOptions = sameDay ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
	return date.toLocaleString(getLocale(), options);
}

/** The badge's words for the whole workspace. */
export function placeLabel(place: SyncPlace): string {
	if (place.where === 'server') return place.savedAt === null ? m.sync_saved() : m.saved_on_server_at({ time: formatSavedTime(place.savedAt) });
	if (place.where === 'sending') return m.saved_sending_changes({ count: place.changes });
	return place.changes > 0 ? m.saved_device_changes({ count: place.changes }) : m.saved_device_only();
}

/** A task's line: where its answers are. */
export function taskPlaceLabel(place: SyncPlace): string {
	if (place.where === 'server') return place.savedAt === null ? m.sync_saved() : m.saved_task_server_at({ time: formatSavedTime(place.savedAt) });
	if (place.where === 'sending') return m.saved_task_sending({ count: place.changes });
	return place.changes > 0 ? m.saved_task_device({ count: place.changes }) : m.saved_task_device_empty();
}
