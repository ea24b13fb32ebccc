/**
 * Parsing persisted records (rules DATA-1, DATA-2). Every aggregate carries a `version`; a record
 * from IndexedDB, a Y.Doc or the network is upgraded step by step to the current version and then
 * parsed by its zod schema. Never throws: any input gives a typed result.
 */
import { failure, issue, resultOf, type Issue, type Result } from '../result.ts';

/** The part of a zod/mini schema this module needs (keeps zod types out of the signature). */
export interface RecordSchema<T> {
	safeParse(input: unknown):
		| { success: true; data: T }
		| { success: false; error: { issues: readonly { path: readonly PropertyKey[]; code: string }[] } };
}

/** Upgrades a record of version `n` (the key) to version `n + 1`. */
export type MigrationSteps = Readonly<Record<number, (record: Record<string, unknown>) => Record<string, unknown>>>;

export interface MigrateOptions<T> {
	readonly input: unknown;
	readonly schema: RecordSchema<T>;
	readonly current: number;
	readonly steps?: MigrationSteps;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaIssues(error: { issues: readonly { path: readonly PropertyKey[]; code: string }[] }): Issue[] {
	return error.issues.slice(0, 50).map((i) =>
		issue('DATA-1', 'error', {
			path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
			params: { code: i.code }
		})
	);
}

/** Upgrades `input` through `steps` to `current`, then parses it with `schema`. */
export function migrateRecord<T>(options: MigrateOptions<T>): Result<T> {
	const { input, schema, current, steps = {} } = options;
	if (!isRecord(input)) return failure([issue('DATA-1', 'error', { params: { code: 'not_an_object' } })]);
	let record = input;
	let version = typeof record.version === 'number' ? record.version : 0;
	if (version > current) {
		return failure([issue('DATA-2', 'error', { params: { version, current } })]);
	}
	try {
		while (version < current) {
			const step = steps[version];
			if (!step) break;
			record = { ...step(record), version: version + 1 };
			version += 1;
		}
	} catch {
		return failure([issue('DATA-1', 'error', { params: { code: 'migration_failed' } })]);
	}
	const parsed = schema.safeParse(record);
	return parsed.success ? resultOf(parsed.data, []) : failure(schemaIssues(parsed.error));
}
