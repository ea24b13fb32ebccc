/**
 * The names IndexedDB knows the app's data by, apart from Dexie (db.ts), so code that must not
 * load Dexie (the first screen's bare reader, first-read.ts) names the same database and stores.
 */

/** The app's IndexedDB database. */
export const DB_NAME_ON_DEVICE = 'beian';

/** y-dexie's table of Y.Doc updates of the `workspaces.doc` property. */
export const UPDATES_TABLE = '$workspaces.doc_updates';
