import { MemoryBlobStore } from '../../../../sync-server/src/storage/memory-blob-store.ts';
import { describeBlobStoreContract, temporaryFolder } from './blob-store.contract.ts';

describeBlobStoreContract('MemoryBlobStore', async () => {
	const staging = temporaryFolder('beian-blobs-mem-');
	return { store: new MemoryBlobStore(), stagingDir: staging.path, dispose: async () => staging.remove() };
});
