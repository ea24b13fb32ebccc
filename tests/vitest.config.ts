import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
	root,
	plugins: [svelte({ compilerOptions: { runes: true } })],
	resolve: {
		alias: { $lib: fileURLToPath(new URL('../src/lib', import.meta.url)) }
	},
	test: {
		include: ['tests/unit/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		// One PostgreSQL, one Redis and one S3 server (radosgw) for the whole run, for the contract and
		// cluster suites (tests/support/postgres.ts, redis.ts, radosgw.ts).
		globalSetup: ['tests/support/postgres-global-setup.ts', 'tests/support/redis-global-setup.ts', 'tests/support/radosgw-global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		reporters: ['default'],
		pool: 'forks'
	}
});
