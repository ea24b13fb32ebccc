import { MemoryLegacyRecords } from '../../../../../sync-server/src/storage/legacy/memory-legacy-stores.ts';
import { describeLegacyStoresContract } from './legacy-stores.contract.ts';

describeLegacyStoresContract('memory', async () => ({ stores: new MemoryLegacyRecords(), dispose: async () => undefined }));
