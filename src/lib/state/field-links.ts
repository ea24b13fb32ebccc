/**
 * Where a field of an order is edited, from an issue's or a rejection reason's path
 * (`['subject', 'name']`, `['websites', 0, 'access', 'ips']`), and the refusal details the
 * outbox keeps (`order-invalid`'s issues, `document-missing`'s hashes), parsed with zod.
 */
import { z } from 'zod/mini';
import type { Issue } from '../domain/result.ts';

export type FieldTarget =
	| { page: 'subject'; field: string }
	| { page: 'website'; websiteId: string; field: string }
	| { page: 'access'; websiteId: string; field: string }
	| { page: 'tasks'; field: string };

/** The page and the field id (the field key, nested keys joined with `.`) of a path. */
export function fieldTarget(path: readonly (string | number)[], websiteIds: readonly string[]): FieldTarget {
	const [root, index, ...rest] = path;
	if (root === 'subject') return { page: 'subject', field: [index, ...rest].filter((p) => p !== undefined).join('.') };
	const websiteId = root === 'websites' && typeof index === 'number' ? websiteIds[index] : undefined;
	if (websiteId && rest[0] === 'access') return { page: 'access', websiteId, field: rest.slice(1).join('.') };
	if (websiteId) return { page: 'website', websiteId, field: rest.join('.') };
	return { page: 'tasks', field: path.join('.') };
}

const IssueSchema = z.object({
	rule: z.string().check(z.maxLength(32)),
	path: z.array(z.union([z.string().check(z.maxLength(64)), z.number()])).check(z.maxLength(8)),
	severity: z.enum(['error', 'warning', 'info']),
	params: z._default(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), {})
});
const IssuesDetails = z.object({ issues: z.array(IssueSchema).check(z.maxLength(200)) });
const HashesDetails = z.object({ hashes: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(500)) });

/** The issues of an `order-invalid` refusal, errors only; [] for anything else. */
export function outboxIssues(details: unknown): Issue[] {
	const parsed = IssuesDetails.safeParse(details);
	return parsed.success ? parsed.data.issues.filter((i) => i.severity === 'error') : [];
}

/** The hashes of a `document-missing` refusal; [] for anything else. */
export function missingHashes(details: unknown): string[] {
	const parsed = HashesDetails.safeParse(details);
	return parsed.success ? parsed.data.hashes : [];
}
