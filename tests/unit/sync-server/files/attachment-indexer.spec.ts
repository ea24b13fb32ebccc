import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AttachmentIndexer } from '../../../../sync-server/src/files/attachment-indexer.ts';
import { silentLogger } from '../../../../sync-server/src/log.ts';

const SUBJECT = 'abcdefghijklmnop';
const hash = (n: number) => n.toString(16).padStart(64, '0');

/** The index as the records' FileIndexStore keeps it (subject → hashes), recording every write. */
function setup(fail = false, stored: Record<string, string[]> = {}) {
	const writes: [string, string[]][] = [];
	const index = new Map(Object.entries(stored));
	const indexer = new AttachmentIndexer({
		logger: silentLogger,
		refs: {
			async setAttachmentRefs(subjectId, hashes) {
				if (fail) throw new Error('disk full');
				writes.push([subjectId, [...hashes]]);
				index.set(subjectId, [...hashes]);
			},
			async subjectsReferencing(sha256) {
				return [...index].filter(([, hashes]) => hashes.includes(sha256)).map(([subjectId]) => subjectId);
			}
		}
	});
	return { indexer, writes };
}

describe('AttachmentIndexer', () => {
	it('ROOM-2: indexes the attachment hashes of a workspace room, then follows changes', async () => {
		const { indexer, writes } = setup();
		const doc = new Y.Doc();
		doc.getMap('attachments').set(hash(2), new Y.Map());
		doc.getMap('attachments').set('not-a-hash', new Y.Map());
		indexer.onDocChanged(`ws-${SUBJECT}`, doc);
		await indexer.flushed();
		expect(writes).toEqual([[SUBJECT, [hash(2)]]]);
		doc.getMap('attachments').set(hash(1), new Y.Map());
		doc.getMap('attachments').delete(hash(2));
		indexer.onDocChanged(`ws-${SUBJECT}`, doc);
		await indexer.flushed();
		expect(writes.at(-1)).toEqual([SUBJECT, [hash(1)]]);
	});

	it('writes nothing when a room loads with a doc the index already covers (or with no attachments)', async () => {
		const { indexer, writes } = setup(false, { [SUBJECT]: [hash(5), hash(6)] });
		const covered = new Y.Doc();
		covered.getMap('attachments').set(hash(5), new Y.Map());
		indexer.onDocChanged(`ws-${SUBJECT}`, covered);
		indexer.onDocChanged('ws-bbbbbbbbbbbbbbbb', new Y.Doc());
		await indexer.flushed();
		expect(writes).toEqual([]);
		covered.getMap('attachments').set(hash(7), new Y.Map());
		await indexer.flushed();
		expect(writes).toEqual([[SUBJECT, [hash(5), hash(7)]]]);
	});

	it('coalesces a burst of changes into one write and skips writes that change nothing', async () => {
		const { indexer, writes } = setup();
		const doc = new Y.Doc();
		indexer.onDocChanged(`ws-${SUBJECT}`, doc);
		for (let i = 0; i < 50; i++) doc.getMap('attachments').set(hash(i), new Y.Map());
		doc.getMap('subject').set('name', 'x');
		await indexer.flushed();
		expect(writes).toHaveLength(1);
		expect(writes[0]![1]).toHaveLength(50);
		doc.getMap('attachments').set(hash(0), new Y.Map());
		await indexer.flushed();
		expect(writes).toHaveLength(1);
	});

	it('ROOM-3, ROOM-4: ignores the facts room and rooms that name no subject', async () => {
		const { indexer, writes } = setup();
		for (const room of [`ws-${SUBJECT}_facts`, 'ws-local', 'nonsense']) {
			const doc = new Y.Doc();
			doc.getMap('attachments').set(hash(3), new Y.Map());
			indexer.onDocChanged(room, doc);
		}
		await indexer.flushed();
		expect(writes).toEqual([]);
	});

	it('survives a failing store: logs, and the next change writes again', async () => {
		const { indexer } = setup(true);
		const doc = new Y.Doc();
		doc.getMap('attachments').set(hash(4), new Y.Map());
		expect(() => indexer.onDocChanged(`ws-${SUBJECT}`, doc)).not.toThrow();
		await expect(indexer.flushed()).resolves.toBeUndefined();
	});
});
