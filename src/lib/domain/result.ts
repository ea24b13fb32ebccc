/**
 * The one result shape every domain check returns (STYLE.md §8).
 *
 * - `{ ok: true, value, issues }`: `issues` holds only warnings and info.
 * - `{ ok: false, issues }`: at least one issue has severity `error`.
 *
 * An issue names the rule (an ID from RULES.md), where it applies (`path`), how bad it is and
 * the parameters the message catalogue needs. User text never lives here: the app looks the
 * rule up in `src/lib/i18n/messages/rules/{locale}.json`.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A rule ID as listed in RULES.md, e.g. `ID-3`, `USCC-2`, `PROV-GD-3`. */
export type RuleId = string;

export type IssueParams = Readonly<Record<string, string | number | boolean>>;

export interface Issue {
	readonly rule: RuleId;
	/** Field path inside the checked value, e.g. `['websites', 0, 'name']`; empty for the whole value. */
	readonly path: readonly (string | number)[];
	readonly severity: Severity;
	readonly params: IssueParams;
}

export type Result<T> =
	| { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
	| { readonly ok: false; readonly issues: readonly Issue[] };

/** Builds an issue; `params` defaults to none. */
export function issue(
	rule: RuleId,
	severity: Severity,
	options: { path?: readonly (string | number)[]; params?: IssueParams } = {}
): Issue {
	return { rule, severity, path: options.path ?? [], params: options.params ?? {} };
}

/** Whether any issue blocks submission. */
export function hasError(issues: readonly Issue[]): boolean {
	return issues.some((i) => i.severity === 'error');
}

/** `ok: false` when any issue is an error, otherwise `ok: true` with `value`. */
export function resultOf<T>(value: T, issues: readonly Issue[]): Result<T> {
	return hasError(issues) ? { ok: false, issues } : { ok: true, value, issues };
}

/** A failed result from at least one error. */
export function failure<T = never>(issues: readonly Issue[]): Result<T> {
	return { ok: false, issues };
}

/** Prefixes every issue's path, for nesting a field check inside an aggregate check. */
export function atPath(prefix: readonly (string | number)[], issues: readonly Issue[]): Issue[] {
	return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortBySeverity(issues: readonly Issue[]): Issue[] {
	return [...issues].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
