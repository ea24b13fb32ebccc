/**
 * Gzipped weight of the JS and CSS the first route loads: every file `build/index.html`
 * references (module preloads, stylesheets, the bootstrap's imports) plus, recursively, their
 * static imports. Dynamic `import()` chunks (loaded on other screens) do not count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RouteWeight {
	files: { path: string; gzipBytes: number }[];
	jsGzip: number;
	cssGzip: number;
}

const HTML_REFS = /(?:href|src)="\.?\/?(_app\/[^"]+\.(?:js|css))"|import\("\.?\/?(_app\/[^"]+\.js)"\)/g;
// Static imports in Vite's minified output: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
const STATIC_IMPORTS = /(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

export function measureFirstRoute(buildDir: string): RouteWeight {
	const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
	const queue = [...html.matchAll(HTML_REFS)].map((m) => normalize(m[1] ?? m[2] ?? ''));
	const seen = new Set<string>();
	while (queue.length > 0) {
		const path = queue.shift() as string;
		if (seen.has(path) || !existsSync(join(buildDir, path))) continue;
		seen.add(path);
		if (!path.endsWith('.js')) continue;
		const code = readFileSync(join(buildDir, path), 'utf8');
		for (const m of code.matchAll(STATIC_IMPORTS)) queue.push(normalize(join(dirname(path), m[1] as string)));
	}
	const files = [...seen].sort().map((path) => ({ path, gzipBytes: gzipSync(readFileSync(join(buildDir, path)), { level: 9 }).length }));
	const sum = (ext: string) => files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f.gzipBytes, 0);
	return { files, jsGzip: sum('.js'), cssGzip: sum('.css') };
}
