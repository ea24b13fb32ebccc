import { openDatabase } from '../../../../../sync-server/src/storage/sqlite-doc-store.ts';
import { SqliteLegacyRecords } from '../../../../../sync-server/src/storage/legacy/sqlite-legacy-stores.ts';
import { describeLegacyStoresContract } from './legacy-stores.contract.ts';

describeLegacyStoresContract('sqlite', async () => {
	const db = openDatabase(':memory:');
	return { stores: new SqliteLegacyRecords(db), dispose: async () => db.close() };
});
