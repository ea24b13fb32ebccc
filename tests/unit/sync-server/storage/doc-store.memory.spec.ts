import { MemoryDocStore } from '../../../../sync-server/src/storage/memory-doc-store.ts';
import { describeDocStoreContract } from './doc-store.contract.ts';

describeDocStoreContract('MemoryDocStore', async () => {
	const store = new MemoryDocStore();
	return { store, dispose: () => store.close() };
});
