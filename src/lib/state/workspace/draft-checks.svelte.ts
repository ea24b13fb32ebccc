/**
 * The live domain rules of the workspace drafts (`draft-rules.ts`: certificate numbers, phones,
 * names …), loaded after the first screen is usable (`afterFirstScreen`): until then a draft has
 * no rule issues, and the fields show their messages as soon as the rules arrive.
 */
import type * as DraftRules from '../../domain/workspace/draft-rules.ts';
import { afterFirstScreen } from '../first-screen.ts';

let rules = $state<typeof DraftRules | null>(null);
let requested = false;

/** The draft rules once loaded (a rune: readers re-run when they arrive), else null and the load is asked for. */
export function draftRules(): typeof DraftRules | null {
	if (!rules && !requested) {
		requested = true;
		afterFirstScreen(() => {
			import('../../domain/workspace/draft-rules.ts').then(
				(module) => void (rules = module),
				() => void (requested = false)
			);
		});
	}
	return rules;
}
