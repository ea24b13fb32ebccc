/**
 * axe-core scans in Playwright journeys (`@axe-core/playwright`). The library is evaluated through
 * the DevTools protocol, not a script tag, so the app's Content-Security-Policy stays untouched;
 * the test fails on any serious or critical violation, listing each rule with the elements it
 * flagged.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails the test on any serious or critical axe-core violation of the page as it is now. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious, `axe-core: serious or critical violations on ${label}`).toEqual([]);
}
