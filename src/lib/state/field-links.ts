/**
 * The refusal details the outbox keeps (`order-invalid`'s issues, `document-missing`'s hashes),
 * parsed with zod. Where a reviewer's reason is edited is the domain's (`review/reason-fields.ts`).
 */
import { z } from 'zod/mini';
import type { Issue } from '../domain/result.ts';

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
