/** SessionStore on SQLite: the `sessions` table. */
import type { SessionRecord, SessionStore } from './session-store.ts';
import { num, numOrNull, str, strOrNull, type Row, type SqliteRunner } from './sqlite-runner.ts';

export class SqliteSessionStore implements SessionStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async create(s: SessionRecord): Promise<void> {
		this.#sql.run(
			'INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at, user_agent, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			s.id, s.tokenHash, s.accountId, s.createdAt, s.lastSeenAt, s.expiresAt, s.userAgent, s.revokedAt
		);
	}

	async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
		return toSession(this.#sql.get('SELECT * FROM sessions WHERE token_hash = ?', tokenHash));
	}

	async byId(id: string): Promise<SessionRecord | null> {
		return toSession(this.#sql.get('SELECT * FROM sessions WHERE id = ?', id));
	}

	async activeOf(accountId: string, now: number): Promise<SessionRecord[]> {
		const rows = this.#sql.all(
			'SELECT * FROM sessions WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY last_seen_at DESC',
			accountId, now
		);
		return rows.map((row) => toSession(row) as SessionRecord);
	}

	async touch(id: string, times: { lastSeenAt: number; expiresAt: number }): Promise<void> {
		this.#sql.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?', times.lastSeenAt, times.expiresAt, id);
	}

	async revoke(id: string, at: number): Promise<boolean> {
		return this.#sql.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id) > 0;
	}

	async prune(before: number): Promise<number> {
		return this.#sql.run('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?', before, before);
	}
}

export function toSession(r: Row | undefined): SessionRecord | null {
	if (!r) return null;
	return {
		id: str(r.id),
		tokenHash: str(r.token_hash),
		accountId: str(r.account_id),
		createdAt: num(r.created_at),
		lastSeenAt: num(r.last_seen_at),
		expiresAt: num(r.expires_at),
		userAgent: strOrNull(r.user_agent),
		revokedAt: numOrNull(r.revoked_at)
	};
}
