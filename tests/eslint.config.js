// ESLint flat config, passed by path: `eslint -c tests/eslint.config.js .`
// Keeps the import direction of STYLE.md: routes → ui/state → storage, sync → domain.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ group?: string[], regex?: string, message: string, allowTypeImports?: boolean }[]} patterns
 * @returns {['error', { patterns: object[] }]}
 */
const restrict = (patterns) => ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: p.allowTypeImports ?? false })) }];

const DOMAIN_FORBIDDEN = [
	{ group: ['dexie', 'y-dexie', 'yjs', 'y-websocket', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', 'tus-js-client', 'svelte', 'svelte/*', '$app/*', 'node:*', 'ws'], message: 'The domain core is pure TypeScript: no storage, sync, UI, browser or Node APIs.' },
	{ group: ['**/storage/**', '**/sync/**', '**/state/**', '**/ui/**', '**/routes/**', '**/i18n/**'], message: 'The domain imports nothing from the outer layers.' }
];

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
	{
		files: ['src/**'],
		ignores: ['src/lib/storage/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict([{ group: ['dexie', 'y-dexie'], message: 'Only src/lib/storage imports Dexie.', allowTypeImports: true }])
		}
	},
	{
		files: ['src/routes/**', 'src/lib/ui/**', 'src/lib/state/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict([
				{ group: ['dexie', 'y-dexie'], message: 'Only src/lib/storage imports Dexie.', allowTypeImports: true },
				{ group: ['yjs', 'y-websocket', 'y-protocols', 'y-protocols/*', 'tus-js-client'], message: 'Only src/lib/sync imports Yjs, y-websocket and tus.', allowTypeImports: true },
				{ group: ['**/domain/index.ts', '$lib/domain/index.ts'], message: 'Import the domain module you need: the index also carries tldts (~47 KB gzip).', allowTypeImports: true }
			])
		}
	},
	{
		files: ['src/lib/ui/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict([
				{ group: ['**/storage/**', '**/state/**', 'dexie', 'y-dexie', 'yjs', 'y-websocket'], message: 'UI components are presentational: props in, events out.', allowTypeImports: true }
			])
		}
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict(DOMAIN_FORBIDDEN),
			'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'process', 'Buffer', 'require', 'location', 'crypto', 'WebSocket', 'XMLHttpRequest', 'self', 'caches']
		}
	},
	{
		files: ['sync-server/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': restrict([
				{ group: ['**/src/lib/storage/**', '**/src/lib/state/**', '**/src/lib/ui/**', '**/src/routes/**', '**/src/lib/i18n/**', 'dexie', 'y-dexie', 'svelte', 'svelte/*', '$app/*'], message: 'The sync server may import src/lib/domain, src/lib/sync/protocol.ts and src/lib/sync/update-bounds.ts only.' },
				{ regex: 'src/lib/sync/(?!(protocol|update-bounds)\\.ts$)', message: 'The sync server may import src/lib/domain, src/lib/sync/protocol.ts and src/lib/sync/update-bounds.ts only.' }
			])
		}
	},
	{
		files: ['tests/**', '**/*.config.*', 'svelte.config.js'],
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	}
);
