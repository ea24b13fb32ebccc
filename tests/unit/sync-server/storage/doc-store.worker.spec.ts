import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerDocStore } from '../../../../sync-server/src/storage/worker-doc-store.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

describeDocStoreContract('WorkerDocStore', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'beian-wds-'));
	const store = new WorkerDocStore(join(dir, 'beian.sqlite'));
	return { store, async dispose() { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});
