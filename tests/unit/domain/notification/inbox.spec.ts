import { describe, expect, it } from 'vitest';
import { isOrderNoticeAction, isRejection, newUnreadEntries, ORDER_NOTICE_ACTIONS, unreadCount } from '../../../../src/lib/domain/notification/inbox.ts';
import { REVIEW_ACTION_NAMES } from '../../../../src/lib/domain/review/review-wire.ts';

const entry = (id: string, readAt: string | null = null, action = 'approve-provider', about: 'order' | 'account-request' = 'order') => ({ id, about, action, readAt });

describe('inbox entries', () => {
	it('NOTE-2 order entries name every desk action and the two server-fired events, nothing else', () => {
		expect([...ORDER_NOTICE_ACTIONS].sort()).toEqual([...REVIEW_ACTION_NAMES, 'sms-timeout', 'expire'].sort());
		expect(isOrderNoticeAction('expire')).toBe(true);
		expect(isOrderNoticeAction('submit')).toBe(false);
	});

	it('NOTE-3 a rejection is the desk turning an order or a request down', () => {
		expect(isRejection(entry('a', null, 'reject'))).toBe(true);
		expect(isRejection(entry('a', null, 'reject-administration'))).toBe(true);
		expect(isRejection(entry('a', null, 'record-sms-wrong-code'))).toBe(false);
		expect(isRejection(entry('a', null, 'reject', 'account-request'))).toBe(true);
		expect(isRejection(entry('a', null, 'approve', 'account-request'))).toBe(false);
	});

	it('NOTE-3 counts the unread entries', () => {
		expect(unreadCount([entry('a'), entry('b', '2026-12-01T10:00:00+08:00'), entry('c')])).toBe(2);
		expect(unreadCount([])).toBe(0);
	});

	it('NOTE-4 only unread entries new to the device are new; a device that never listed the inbox finds none new', () => {
		const entries = [entry('c'), entry('b', '2026-12-01T10:00:00+08:00'), entry('a')];
		expect(newUnreadEntries(new Set(['a']), entries).map((e) => e.id)).toEqual(['c']);
		expect(newUnreadEntries(new Set(), entries).map((e) => e.id)).toEqual(['c', 'a']);
		expect(newUnreadEntries(null, entries)).toEqual([]);
	});
});
