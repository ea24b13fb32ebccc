/**
 * User text for domain issues (`{ rule, path, severity, params }`): the catalogue key is
 * `rule_` + the rule ID with `-` → `_`. Loads every rule message, so import it only on screens
 * that show validation results (not on the first route).
 */
import * as messages from './paraglide/messages/_index.js';
import type { Issue } from '../domain/index.ts';

type MessageFn = (inputs: Record<string, unknown>) => string;

/** The message for a rule issue in the current language; the rule ID when no text exists. */
export function describeIssue(issue: Issue): string {
	const key = 'rule_' + issue.rule.replaceAll('-', '_');
	const catalogue = messages as unknown as Record<string, MessageFn | undefined>;
	const message = catalogue[key];
	if (!message) return issue.rule;
	// A review desk reason (REV-8) names its code: the text is the code's localized label.
	const code = issue.rule === 'REV-8' ? catalogue['review_reason_' + String(issue.params.code ?? 'other').replaceAll('-', '_')] : undefined;
	return message({ ...issue.params, ...(code ? { reason: code({}) } : {}) }).trim();
}
