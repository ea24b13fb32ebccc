/**
 * Account: one per subject (domain-research §2.1). The same schema describes the account kept on
 * this device and the one the sync server stores. `email` is the filing login; rules on its form
 * come from `parseEmail`.
 */
import { z } from 'zod/mini';
import { migrateRecord } from '../record/parse-record.ts';
import type { Result } from '../result.ts';

export const ACCOUNT_VERSION = 1;

export const AccountSchema = z.object({
	version: z.literal(ACCOUNT_VERSION),
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	email: z.string().check(z.maxLength(254)),
	/** ISO date-time of creation. */
	created: z.iso.datetime({ offset: true })
});

export type Account = z.infer<typeof AccountSchema>;

/** Upgrades and parses a stored or received Account; never throws. */
export function migrateAccount(input: unknown): Result<Account> {
	return migrateRecord({ input, schema: AccountSchema, current: ACCOUNT_VERSION });
}
