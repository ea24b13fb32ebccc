/** Picking the issues a field page shows from an order's issues (paths into the Order). */
import type { Issue } from '../domain/result.ts';
import { fieldKeyOf } from './workspace/field-issues.ts';

/** Rules that only say "still empty": a field page keeps quiet about them (the check page lists them). */
const GAP_RULES = new Set(['TEXT-4', 'DOC-16', 'SITE-11', 'SITE-12', 'SITE-13']);

/**
 * The issues on the field `key` under `prefix` (e.g. `['websites', 0]` and `access.ips`): the
 * live ones of the workspace manager and the order's, once each, gaps left out.
 */
export function fieldIssues(orderIssues: readonly Issue[], prefix: readonly (string | number)[], key: string, live: readonly Issue[]): Issue[] {
	const at = [...prefix.map(String), key].join('.');
	const fromOrder = orderIssues.filter((i) => fieldKeyOf(i.path) === at).map((i) => ({ ...i, path: key.split('.') }));
	const seen = new Set<string>();
	return [...live, ...fromOrder].filter((i) => {
		if (GAP_RULES.has(i.rule) || seen.has(i.rule)) return false;
		seen.add(i.rule);
		return true;
	});
}
