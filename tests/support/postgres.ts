/** The tests' PostgreSQL server: the throwaway one `npm run cluster` starts too (sync-server/src/cluster/engines/postgres.ts). */
export { connectionConfig, createDatabase, databaseUrl, findPgBin, startPostgres } from '../../sync-server/src/cluster/engines/postgres.ts';
export type { LocalPostgres as TestPostgres, LocalPostgresInfo as TestPostgresInfo } from '../../sync-server/src/cluster/engines/postgres.ts';
