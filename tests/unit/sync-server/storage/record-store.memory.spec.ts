import { MemoryRecordStore } from '../../../../sync-server/src/storage/memory-record-store.ts';
import { describeRecordStoreContract } from './record-store.contract.ts';

describeRecordStoreContract('MemoryRecordStore', async () => {
	const store = new MemoryRecordStore();
	return { store, dispose: () => store.close() };
});
