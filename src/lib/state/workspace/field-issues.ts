/** Grouping domain issues by the field they are about (`leader.name` for `['leader', 'name']`). */
import type { Issue } from '../../domain/result.ts';

export function fieldKeyOf(path: readonly (string | number)[]): string {
	return path.join('.');
}

/** The issues on `key` itself (not on fields nested under it). */
export function issuesOn(issues: readonly Issue[], key: string): Issue[] {
	return issues.filter((i) => fieldKeyOf(i.path) === key);
}
