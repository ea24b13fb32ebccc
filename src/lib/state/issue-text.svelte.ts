/**
 * Domain issues as text in the person's language. The rule catalogue is loaded on first use
 * (it is large and not needed before a field has something to say); until then nothing shows.
 */
import type { Issue, Severity } from '../domain/result.ts';

export interface FieldMessage {
	text: string;
	severity: Severity;
}

let describe = $state<((issue: Issue) => string) | null>(null);
let loading: Promise<void> | null = null;

function load(): void {
	loading ??= import('../i18n/rule-messages.ts').then(
		(module) => void (describe = module.describeIssue),
		() => void (loading = null)
	);
}

/** The messages for `issues`, errors first; empty while the catalogue loads. */
export function fieldMessages(issues: readonly Issue[]): FieldMessage[] {
	if (issues.length === 0) return [];
	if (!describe) {
		load();
		return [];
	}
	const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
	const text = describe;
	return [...issues].sort((a, b) => order[a.severity] - order[b.severity]).map((i) => ({ text: text(i), severity: i.severity }));
}
