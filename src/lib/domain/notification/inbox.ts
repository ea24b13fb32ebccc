/**
 * The in-app inbox (issue 12, NOTE-1..NOTE-5): which decisions reach a member's inbox, and the
 * pure reckoning the app does over a list of entries (unread, new since the device last looked).
 * No browser or Node APIs: the server and the app share it.
 */
import { REJECTING_ACTIONS, REVIEW_ACTION_NAMES, type ReviewAction } from '../review/review-wire.ts';

/** The events the server fires on its own clock (REV-7); each also reaches the inbox (NOTE-2). */
export const SERVER_ORDER_EVENTS = ['sms-timeout', 'expire'] as const;
export type ServerOrderEvent = (typeof SERVER_ORDER_EVENTS)[number];

/** Every action an order entry names: each desk action, and each server-fired event. */
export type OrderNoticeAction = ReviewAction | ServerOrderEvent;
export const ORDER_NOTICE_ACTIONS: readonly OrderNoticeAction[] = [...REVIEW_ACTION_NAMES, ...SERVER_ORDER_EVENTS];

/** The decisions on an account request. */
export const REQUEST_NOTICE_ACTIONS = ['approve', 'reject'] as const;
export type RequestNoticeAction = (typeof REQUEST_NOTICE_ACTIONS)[number];

/** The part of an entry these helpers read. */
export interface InboxEntryLike {
	readonly id: string;
	readonly about: 'account-request' | 'order';
	readonly action: string;
	readonly readAt: string | null;
}

export function isOrderNoticeAction(action: string): action is OrderNoticeAction {
	return (ORDER_NOTICE_ACTIONS as readonly string[]).includes(action);
}

/** True for an entry that turns something down (its reasons are shown, NOTE-3). */
export function isRejection(entry: Pick<InboxEntryLike, 'about' | 'action'>): boolean {
	if (entry.about === 'account-request') return entry.action === 'reject';
	return (REJECTING_ACTIONS as readonly string[]).includes(entry.action);
}

/** How many entries are unread (NOTE-3). */
export function unreadCount(entries: readonly InboxEntryLike[]): number {
	return entries.filter((e) => e.readAt === null).length;
}

/**
 * The unread entries a device has not seen before (NOTE-4): those whose id is not among `known`.
 * A device that has never listed this account's inbox (`known` null) treats nothing as new, so
 * opening the app for the first time does not replay every old decision as a notification.
 */
export function newUnreadEntries<T extends InboxEntryLike>(known: Iterable<string> | null, entries: readonly T[]): T[] {
	if (known === null) return [];
	const seen = new Set(known);
	return entries.filter((e) => e.readAt === null && !seen.has(e.id));
}
