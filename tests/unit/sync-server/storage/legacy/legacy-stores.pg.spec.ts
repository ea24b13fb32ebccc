import { PgLegacyRecords } from '../../../../../sync-server/src/storage/pg/pg-legacy-stores.ts';
import { freshSchema } from '../../../../support/pg-suite.ts';
import { describeLegacyStoresContract } from './legacy-stores.contract.ts';

describeLegacyStoresContract('postgresql', async () => {
	const db = await freshSchema('legacy');
	return { stores: await PgLegacyRecords.open(db.pool), dispose: () => db.dispose() };
});
