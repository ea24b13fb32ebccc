/**
 * The smallest single splice between two strings, for the Y.Text bindings. Pure, so it lives in
 * the domain (the text field component moves its caret with it too); re-exported here for sync.
 */
export { caretAfterSplice, spliceBetween, type Splice } from '../domain/text/splice.ts';
