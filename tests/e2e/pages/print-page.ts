/** Page model of the printable pages (`/orders/<id>/print[/<letter>]`): sheets, print button, A4 output. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export type LetterKind = 'authorization' | 'verification' | 'commitment';

const OUTPUT = resolve(import.meta.dirname, '..', '..', '.output');
/** A4 at 96 dpi. */
const A4_VIEWPORT = { width: 794, height: 1123 };

export class PrintPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	async open(baseUrl: string, orderId: string, kind?: LetterKind): Promise<void> {
		await this.page.goto(`${baseUrl}/orders/${encodeURIComponent(orderId)}/print${kind ? `/${kind}` : ''}`);
		await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
	}

	/** The printed sheets (one A4 page each). */
	sheets() {
		return this.page.locator('article.letter-sheet');
	}

	/** The value box of the labelled line `label` within `scope` (a sheet). */
	field(scope: Locator, label: string) {
		return scope.locator('.letter-row', { has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
	}

	printButton() {
		return this.page.getByRole('button', { name: /^(打印或存为 PDF|Print or save as PDF)$/ });
	}

	/** The button calls `window.print()` (stubbed: a real dialog would block the test). */
	async expectPrintButtonPrints(): Promise<void> {
		await this.page.evaluate(() => {
			const w = window as unknown as { printed: number };
			w.printed = 0;
			window.print = () => void w.printed++;
		});
		await this.printButton().click();
		expect(await this.page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
	}

	/** A full-page screenshot of the screen layout (the 360 px phone of the config) into tests/.output. */
	async screenshotScreen(name: string): Promise<void> {
		mkdirSync(OUTPUT, { recursive: true });
		await this.page.screenshot({ path: resolve(OUTPUT, `letters-${name}-screen.png`), fullPage: true });
	}

	/**
	 * Under print media at an A4-sized viewport: what prints is the sheets only (no app chrome);
	 * saves a screenshot and the PDF into tests/.output and returns the PDF's page count.
	 */
	async printToPdf(name: string): Promise<number> {
		const screen = this.page.viewportSize();
		await this.page.setViewportSize(A4_VIEWPORT);
		await this.page.emulateMedia({ media: 'print' });
		try {
			await expect(this.page.locator('header').first()).toBeHidden();
			await expect(this.page.locator('nav').first()).toBeHidden();
			await expect(this.printButton()).toBeHidden();
			await expect(this.sheets().first()).toBeVisible();
			mkdirSync(OUTPUT, { recursive: true });
			await this.page.screenshot({ path: resolve(OUTPUT, `letters-${name}.png`), fullPage: true });
			const pdf = await this.page.pdf({ preferCSSPageSize: true });
			writeFileSync(resolve(OUTPUT, `letters-${name}.pdf`), pdf);
			return pdfPageCount(pdf);
		} finally {
			await this.page.emulateMedia({ media: null });
			if (screen) await this.page.setViewportSize(screen);
		}
	}
}

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page. */
export function pdfPageCount(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}
