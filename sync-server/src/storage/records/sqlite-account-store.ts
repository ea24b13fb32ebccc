/** AccountStore on SQLite: the `accounts` table. */
import type { AccountRecord, AccountStore, CreateAccountOutcome } from './account-store.ts';
import { num, str, type Row, type SqliteRunner } from './sqlite-runner.ts';

export class SqliteAccountStore implements AccountStore {
	#sql: SqliteRunner;

	constructor(sql: SqliteRunner) {
		this.#sql = sql;
	}

	async create(account: AccountRecord): Promise<CreateAccountOutcome> {
		return this.#sql.transaction(() => {
			if (this.#sql.get('SELECT 1 FROM accounts WHERE email = ?', account.email)) return 'email-taken';
			this.#sql.run('INSERT INTO accounts (id, email, password_hash, created_at, display_name) VALUES (?, ?, ?, ?, ?)',
				account.id,
				account.email,
				account.passwordHash,
				account.createdAt,
				account.displayName
			);
			return 'created';
		});
	}

	async byId(id: string): Promise<AccountRecord | null> {
		return toAccount(this.#sql.get('SELECT * FROM accounts WHERE id = ?', id));
	}

	async setDisplayName(id: string, displayName: string): Promise<boolean> {
		return this.#sql.run('UPDATE accounts SET display_name = ? WHERE id = ?', displayName, id) > 0;
	}

	async byEmail(email: string): Promise<AccountRecord | null> {
		return toAccount(this.#sql.get('SELECT * FROM accounts WHERE email = ?', email));
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
		return this.#sql.run('UPDATE accounts SET password_hash = ? WHERE id = ?', passwordHash, id) === 1;
	}
}

export function toAccount(r: Row | undefined): AccountRecord | null {
	return r ? { id: str(r.id), email: str(r.email), passwordHash: str(r.password_hash), createdAt: num(r.created_at), displayName: str(r.display_name) } : null;
}
