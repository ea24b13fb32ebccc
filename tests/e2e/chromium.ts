/**
 * How the tests launch Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium` when it
 * exists, else Playwright's own browser (after `npx playwright install chromium`). The flags
 * keep Chromium from reaching for the internet, which this project's machines do not have.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

export function chromiumExecutable(): string | undefined {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export function chromiumLaunchOptions(): LaunchOptions {
	const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
	if (process.getuid?.() === 0) args.push('--no-sandbox');
	return { executablePath: chromiumExecutable(), args };
}
