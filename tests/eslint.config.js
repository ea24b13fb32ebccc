// ESLint flat config, passed by path: `eslint -c tests/eslint.config.js .`
// Keeps the import direction of STYLE.md: routes → ui/state → storage, sync → domain.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

// One combined list of bans per layer. Flat config gives a file the `no-restricted-imports` of
// the LAST block that matches it (rule options are replaced, not merged), so every layer below
// lists all of its bans and the `files` globs of the layer blocks do not overlap.
// tests/unit/lint/import-direction.spec.ts lints probe imports against each layer.
const BAN = {
	dexie: { group: ['dexie', 'y-dexie'], message: 'Only src/lib/storage imports Dexie.' },
	yjs: { group: ['yjs', 'lib0', 'lib0/*'], message: 'Only src/lib/sync (and storage, which persists Y.Docs through y-dexie) imports Yjs.' },
	network: { group: ['y-websocket', 'y-protocols', 'y-protocols/*', 'tus-js-client'], message: 'Only src/lib/sync imports y-websocket, y-protocols and tus.' },
	domainIndex: { group: ['**/domain/index.ts', '$lib/domain/index.ts'], message: 'Import the domain module you need: the index also carries tldts (~47 KB gzip).' },
	storage: { group: ['**/storage/**', '$lib/storage/*'], message: 'Storage is reached through src/lib/state (routes → ui/state → storage, sync → domain).' },
	sync: { group: ['**/sync/**', '$lib/sync/*'], message: 'Sync (and its API client) is reached through src/lib/state (routes → ui/state → storage, sync → domain).' },
	state: { group: ['**/state/**', '$lib/state/*'], message: 'Only routes compose state; lower layers and UI components do not import it.' },
	ui: { group: ['**/ui/**', '$lib/ui/*'], message: 'UI components are composed by routes only.' },
	routes: { group: ['**/routes/**'], message: 'Nothing imports from routes.' },
	i18n: { group: ['**/i18n/**', '$lib/i18n/*'], message: 'Storage, sync and the domain return codes; the UI localises them.' },
	svelte: { group: ['svelte', 'svelte/*', '$app/*'], message: 'Storage and sync are framework-free.' }
};

/**
 * Type-only imports stay allowed where a ban is in `values` (`import type` costs nothing at run time).
 * @param {{ group?: string[], regex?: string, message: string }[]} values banned as values, allowed as `import type`
 * @param {{ group?: string[], regex?: string, message: string }[]} typesToo banned even as types
 * @returns {['error', { patterns: object[] }]}
 */
const restrict = (values, typesToo = []) => [
	'error',
	{ patterns: [...values.map((p) => ({ ...p, allowTypeImports: true })), ...typesToo.map((p) => ({ ...p, allowTypeImports: false }))] }
];

const DOMAIN_FORBIDDEN = [
	{ group: ['dexie', 'y-dexie', 'yjs', 'y-websocket', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', 'tus-js-client', 'svelte', 'svelte/*', '$app/*', 'node:*', 'ws'], message: 'The domain core is pure TypeScript: no storage, sync, UI, browser or Node APIs.' },
	{ group: ['**/storage/**', '**/sync/**', '**/state/**', '**/ui/**', '**/routes/**', '**/i18n/**'], message: 'The domain imports nothing from the outer layers.' }
];

/** Layer → its complete `no-restricted-imports` setting (exported for the probe test). */
export const LAYER_RULES = {
	'src/routes/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex, BAN.storage, BAN.sync]),
	'src/lib/ui/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex, BAN.storage, BAN.sync], [BAN.state, BAN.routes]),
	'src/lib/state/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex], [BAN.ui, BAN.routes]),
	'src/lib/i18n/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex, BAN.storage, BAN.sync], [BAN.state, BAN.ui, BAN.routes]),
	'src/lib/storage/**': restrict([BAN.network, BAN.sync], [BAN.state, BAN.ui, BAN.routes, BAN.i18n, BAN.svelte]),
	'src/lib/sync/**': restrict([BAN.dexie, BAN.storage], [BAN.state, BAN.ui, BAN.routes, BAN.i18n, BAN.svelte]),
	// The capture pipeline (worker + client) sits beside storage and sync: domain only, returns codes.
	'src/lib/capture/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex], [BAN.storage, BAN.sync, BAN.state, BAN.ui, BAN.routes, BAN.i18n, BAN.svelte]),
	'src/service-worker/**': restrict([BAN.dexie, BAN.yjs, BAN.network, BAN.domainIndex], [BAN.storage, BAN.sync, BAN.state, BAN.ui, BAN.routes]),
	'src/lib/domain/**': restrict([], DOMAIN_FORBIDDEN)
};

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/i18n/paraglide/', 'tests/.output/', 'data/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['svelte.config.js', 'src/service-worker/index.ts'] },
				tsconfigRootDir: root,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-empty-pattern': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	...Object.entries(LAYER_RULES).map(([glob, setting]) => ({ files: [glob], rules: { '@typescript-eslint/no-restricted-imports': setting } })),
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'process', 'Buffer', 'require', 'location', 'crypto', 'WebSocket', 'XMLHttpRequest', 'self', 'caches']
		}
	},
	{
		files: ['sync-server/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict([], [
				{ group: ['**/src/lib/storage/**', '**/src/lib/state/**', '**/src/lib/ui/**', '**/src/routes/**', '**/src/lib/i18n/**', 'dexie', 'y-dexie', 'svelte', 'svelte/*', '$app/*'], message: 'The sync server may import src/lib/domain, src/lib/sync/protocol.ts, update-bounds.ts and field-bounds-check.ts only.' },
				{ regex: 'src/lib/sync/(?!(protocol|update-bounds|field-bounds-check)\\.ts$)', message: 'The sync server may import src/lib/domain, src/lib/sync/protocol.ts, update-bounds.ts and field-bounds-check.ts only.' }
			])
		}
	},
	{
		// No `void promise` in the app: a background promise goes through the error funnel
		// (src/lib/state/errors.svelte.ts `watch`) or handles its own rejection.
		files: ['src/**'],
		rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] }
	},
	{
		files: ['tests/**', '**/*.config.*', 'svelte.config.js'],
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	}
);
