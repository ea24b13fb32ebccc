/**
 * Server-owned facts (ROOM-3): each subject's `ws-<subjectId>_facts` room is read-only for
 * every client and written only through here. A write is applied to the room's doc like any
 * update — relayed to connected members at once, committed to the DocStore, acknowledged with
 * the persisted message — and `writeFacts` resolves once it is durable.
 *
 * Layout of the facts doc (names from `src/lib/domain/workspace/layout.ts`, FACTS_ROOT):
 * - `subject` (Y.Map): `id`, `certificateType`, `certificateNumber`, `boundAt` (ISO date-time),
 *   written when the subject is bound.
 * - `orders` (Y.Map): order id → its `OrderSummary` (plain JSON), replaced on every transition.
 * - `approved` (Y.Map): `record` → the subject's approved record (plain JSON).
 * (`src/lib/domain/workspace/facts-layout.ts` describes both.)
 */
import * as Y from 'yjs';
import { factsRoomOf } from '../../../src/lib/domain/workspace/room.ts';
import { FACTS_ROOT, FACTS_SUBJECT_KEY } from '../../../src/lib/domain/workspace/layout.ts';
import { FACTS_APPROVED_KEY, type OrderSummary } from '../../../src/lib/domain/workspace/facts-layout.ts';
import type { ApprovedRecordData } from '../../../src/lib/domain/operation/approved-record.ts';
import type { SubjectRecord } from '../storage/records/subject-store.ts';
import type { Rooms } from './rooms.ts';

/** The transaction origin of server-written facts (never a peer, so every peer receives them). */
export const FACTS_ORIGIN = Symbol('beian:facts');

export class FactsWriter {
	#rooms: Rooms;

	constructor(rooms: Rooms) {
		this.#rooms = rooms;
	}

	/** Changes a subject's facts doc in one transaction; resolves once the change is durable. */
	async writeFacts(subjectId: string, change: (doc: Y.Doc) => void): Promise<void> {
		const room = await this.#rooms.open(factsRoomOf(subjectId));
		try {
			Y.transact(room.doc, () => change(room.doc), FACTS_ORIGIN);
			await room.flushed();
		} finally {
			this.#rooms.release(room);
		}
	}

	/** Records a new binding: `subject: { id, certificateType, certificateNumber, boundAt }`. */
	writeBinding(subject: SubjectRecord): Promise<void> {
		return this.writeFacts(subject.id, (doc) => {
			const map = doc.getMap(FACTS_ROOT.subject);
			map.set(FACTS_SUBJECT_KEY.id, subject.id);
			map.set(FACTS_SUBJECT_KEY.certificateType, subject.certificateType);
			map.set(FACTS_SUBJECT_KEY.certificateNumber, subject.certificateNumber);
			map.set(FACTS_SUBJECT_KEY.boundAt, new Date(subject.createdAt).toISOString());
		});
	}

	/** An order's state: `orders[summary.id] = summary`. */
	writeOrder(subjectId: string, summary: OrderSummary): Promise<void> {
		return this.writeFacts(subjectId, (doc) => doc.getMap(FACTS_ROOT.orders).set(summary.id, summary));
	}

	/** The subject's approved record: `approved.record`. */
	writeApproved(record: ApprovedRecordData): Promise<void> {
		return this.writeFacts(record.subjectId, (doc) => doc.getMap(FACTS_ROOT.approved).set(FACTS_APPROVED_KEY.record, record));
	}
}
