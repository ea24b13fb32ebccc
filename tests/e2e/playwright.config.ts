import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';

// Journeys run against the production build (`npm run build`) served by the real server,
// which each test starts itself (see fixtures.ts) so it can stop and restart it.
export default defineConfig({
	testDir: '.',
	testMatch: '**/*.e2e.ts',
	outputDir: '../.output/playwright-artifacts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: true,
	reporter: [['list'], ['json', { outputFile: '../.output/playwright.json' }]],
	use: {
		browserName: 'chromium',
		viewport: { width: 360, height: 640 },
		locale: 'zh-CN',
		launchOptions: chromiumLaunchOptions(),
		trace: 'off',
		screenshot: 'only-on-failure'
	}
});
