/** What every throwaway engine (postgres.ts, redis.ts, radosgw.ts) takes. */
export interface EngineOptions {
	/** The folder its own temporary folder is made in (default the system's temp folder). The server as `nobody` (PostgreSQL under root) must be able to pass through it. */
	parentDir?: string;
}
