/**
 * Renders the app icons (a seal-red square with 备) to PNG with Chromium. Run by hand after
 * changing the design: `node tests/support/make-icons.ts`; the PNGs are committed in static/icons.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';

const ICONS = [
	{ file: 'icon-192.png', size: 192, inset: 0.1, radius: 0.22 },
	{ file: 'icon-512.png', size: 512, inset: 0.1, radius: 0.22 },
	{ file: 'apple-touch-icon.png', size: 180, inset: 0, radius: 0 },
	// Maskable: full bleed, glyph inside the 80 % safe zone.
	{ file: 'icon-maskable-512.png', size: 512, inset: 0, radius: 0, glyph: 0.42 }
];

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();
for (const icon of ICONS) {
	const box = icon.size * (1 - 2 * icon.inset);
	const glyph = (icon.glyph ?? 0.56) * icon.size;
	await page.setViewportSize({ width: icon.size, height: icon.size });
	await page.setContent(`<html><body style="margin:0;background:transparent">
		<div style="position:absolute;left:${icon.size * icon.inset}px;top:${icon.size * icon.inset}px;width:${box}px;height:${box}px;
			background:#b3261e;border-radius:${icon.radius * box}px;display:flex;align-items:center;justify-content:center;">
			<span style="font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-weight:900;color:#fff;font-size:${glyph}px;line-height:1">备</span>
		</div></body></html>`);
	await page.screenshot({ path: `static/icons/${icon.file}`, omitBackground: true });
}
await browser.close();
