/**
 * An axe-core scan of the page as it is: the library is evaluated through the DevTools protocol
 * (not a script tag, which the app's Content-Security-Policy would rightly block), and the test
 * fails on any serious or critical violation, listing each rule with the elements it flagged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
	id: string;
	impact: string | null;
	nodes: { target: unknown[] }[];
}

export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
	await page.evaluate(`${AXE_SOURCE}\n;void 0`);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map((n) => ({ target: n.target })) }));
	});
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious, `axe violations on ${label}`).toEqual([]);
}
