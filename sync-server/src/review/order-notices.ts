/**
 * The inbox entries of order decisions (NOTE-2): every desk action and every event the server
 * fires on its clock adds one entry for each member of the order's subject, as the decision
 * stands at that moment (a member removed later keeps what they were told; one who joins later
 * is not told the past). An entry names the order, the action and the desk's reasons — what
 * every member already reads in the subject's facts doc — and nothing else (NOTE-5).
 */
import { randomBytes } from 'node:crypto';
import type { OrderNoticeAction } from '../../../src/lib/domain/notification/inbox.ts';
import type { Logger } from '../log.ts';
import type { DecisionReason, InboxStore } from '../storage/legacy/legacy-stores.ts';
import type { MembershipStore } from '../storage/records/membership-store.ts';

export interface OrderNoticeDeps {
	readonly memberships: MembershipStore;
	readonly inbox: InboxStore;
	readonly logger: Logger;
}

export interface OrderNotice {
	readonly subjectId: string;
	readonly orderId: string;
	readonly action: OrderNoticeAction;
	readonly reasons: readonly DecisionReason[];
	readonly at: number;
}

/**
 * Adds the notice to each member's inbox. Runs after the decision is committed: a store failure
 * here is logged and does not undo or refuse the decision. Returns how many entries were added.
 */
export async function notifyMembers(deps: OrderNoticeDeps, notice: OrderNotice): Promise<number> {
	try {
		const members = await deps.memberships.ofSubject(notice.subjectId);
		for (const member of members) {
			await deps.inbox.add({
				id: randomBytes(9).toString('base64url'),
				accountId: member.accountId,
				at: notice.at,
				about: 'order',
				refId: notice.orderId,
				action: notice.action,
				reasons: notice.reasons.map((r) => ({ path: [...r.path], code: r.code, ...(r.note === undefined ? {} : { note: r.note }) }))
			});
		}
		return members.length;
	} catch (error) {
		deps.logger.log('error', 'order notice not written', { orderId: notice.orderId, action: notice.action, error: String(error) });
		return 0;
	}
}
