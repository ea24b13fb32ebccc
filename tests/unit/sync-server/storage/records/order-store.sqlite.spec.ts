/** SQLite only: order revisions and the audit log cannot be changed or deleted, even by SQL (ORD-S5). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../../../../src/lib/domain/workspace/facts-layout.ts';
import { openDatabase } from '../../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { SqliteRecords } from '../../../../../sync-server/src/storage/records/sqlite-records.ts';
import { ORDER_SCHEMA_VERSION } from '../../../../../sync-server/src/storage/records/sqlite-order-schema.ts';

describe('SQLite orders tables', () => {
	it('ORD-S5 refuses UPDATE and DELETE of revisions and audit rows; the orders schema is its own component', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'beian-orders-'));
		const db = openDatabase(join(dir, 'beian.sqlite'));
		const records = new SqliteRecords(db);
		try {
			const summary = { id: 'o1', kind: 'first-filing', revision: 1, status: 'provider-review', isCancellation: false, smsWrongAttempts: 0, created: '2026-11-02T01:00:00.000Z', submittedAt: '2026-11-02T01:00:00.000Z', updatedAt: '2026-11-02T01:00:00.000Z', history: [] as never[] } satisfies OrderSummary;
			await records.orders.commit({
				subjectId: 's1',
				orderId: 'o1',
				expected: null,
				revision: { subjectId: 's1', orderId: 'o1', revision: 1, body: '{}', hash: '0'.repeat(64), createdAt: 1, createdBy: 'a1' },
				summary,
				audit: [{ subjectId: 's1', orderId: 'o1', revision: 1, actor: 'a1', at: 1, from: 'draft', to: 'provider-review', event: 'submit', why: null }]
			});
			expect(() => db.exec("UPDATE order_revisions SET body = '{\"x\":1}'")).toThrow(/immutable/);
			expect(() => db.exec('DELETE FROM order_revisions')).toThrow(/immutable/);
			expect(() => db.exec("UPDATE order_audit SET actor = 'someone else'")).toThrow(/append-only/);
			expect(() => db.exec('DELETE FROM order_audit')).toThrow(/append-only/);
			expect((await records.orders.audit('s1')).map((e) => e.actor)).toEqual(['a1']);
			expect(db.prepare("SELECT version FROM schema_versions WHERE component = 'orders'").get()).toEqual({ version: ORDER_SCHEMA_VERSION });
		} finally {
			await records.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
