/**
 * Server-owned facts (ROOM-3): each subject's `ws-<subjectId>_facts` room is read-only for
 * every client and written only through here. A write is applied to the room's doc like any
 * update — relayed to connected members at once, committed to the DocStore, acknowledged with
 * the persisted message — and `writeFacts` resolves once it is durable.
 *
 * Layout of the facts doc (names from `src/lib/domain/workspace/layout.ts`, FACTS_ROOT):
 * - `subject` (Y.Map): `id`, `certificateType`, `certificateNumber`, `boundAt` (ISO date-time),
 *   written when the subject is bound.
 */
import * as Y from 'yjs';
import { factsRoomOf } from '../../../src/lib/domain/workspace/room.ts';
import { FACTS_ROOT, FACTS_SUBJECT_KEY } from '../../../src/lib/domain/workspace/layout.ts';
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
}
