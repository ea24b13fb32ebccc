/**
 * The localized text of inbox entries (NOTE-3, NOTE-4): one title per decision kind and outcome,
 * each reason's localized code and the reviewer's note, and the Web Notification made of them.
 */
import type { InboxItemView } from '../domain/account-request/account-request-wire.ts';
import { isOrderNoticeAction, type OrderNoticeAction } from '../domain/notification/inbox.ts';
import { m } from './paraglide/messages.js';

const ORDER_TITLES: Record<OrderNoticeAction, () => string> = {
	reject: () => m.inbox_order_reject(),
	'approve-provider': () => m.inbox_order_approve_provider(),
	'record-miit-submission': () => m.inbox_order_record_miit_submission(),
	'record-sms-verified': () => m.inbox_order_record_sms_verified(),
	'record-sms-wrong-code': () => m.inbox_order_record_sms_wrong_code(),
	'approve-administration': () => m.inbox_order_approve_administration(),
	'reject-administration': () => m.inbox_order_reject_administration(),
	'sms-timeout': () => m.inbox_order_sms_timeout(),
	expire: () => m.inbox_order_expire()
};

const catalogue = m as unknown as Record<string, (() => string) | undefined>;

/** The entry's one-line text. An action this version does not know still reads as a change. */
export function inboxTitle(entry: Pick<InboxItemView, 'about' | 'action'>): string {
	if (entry.about === 'account-request') return entry.action === 'approve' ? m.inbox_request_approve() : m.inbox_request_reject();
	return isOrderNoticeAction(entry.action) ? ORDER_TITLES[entry.action]() : m.inbox_order_other();
}

/** Each reason as its code's localized text, then the reviewer's note when there is one. */
export function inboxReasons(entry: Pick<InboxItemView, 'reasons'>): { code: string; note: string | null }[] {
	return entry.reasons.map((r) => ({
		code: catalogue[`review_reason_${r.code.replaceAll('-', '_')}`]?.() ?? r.code,
		note: r.note ? m.inbox_reason_note({ note: r.note }) : null
	}));
}

/** What a Web Notification for new entries says: the newest entry's text and its first reason. */
export function inboxNotification(entries: readonly Pick<InboxItemView, 'about' | 'action' | 'reasons'>[]): { title: string; body: string } {
	const [newest] = entries;
	if (!newest) return { title: m.inbox_notification_title(), body: '' };
	const reason = inboxReasons(newest)[0];
	const lines = [inboxTitle(newest), ...(reason ? [reason.code] : []), ...(entries.length > 1 ? [m.inbox_notification_more({ count: entries.length - 1 })] : [])];
	return { title: m.inbox_notification_title(), body: lines.join('\n') };
}
