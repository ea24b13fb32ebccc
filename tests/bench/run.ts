/**
 * `npm run bench`: builds the app, then prints one table of measured figures with targets.
 * Run on a quiet machine; figures are for the 2-core reference machine.
 */
import { resolve } from 'node:path';
import { measureColdStart } from './cold-start.ts';
import { measureDomainValidation } from './domain-validation.ts';
import { measureFirstRoute } from './first-route.ts';

interface Row {
	name: string;
	value: string;
	target: string;
}

const root = resolve(import.meta.dirname, '..', '..');
const rows: Row[] = [];

const route = measureFirstRoute(resolve(root, 'build'));
rows.push({ name: 'first route JS (gzip)', value: kb(route.jsGzip), target: '' });
rows.push({ name: 'first route CSS (gzip)', value: kb(route.cssGzip), target: '' });
rows.push({ name: 'first route JS + CSS (gzip)', value: kb(route.jsGzip + route.cssGzip), target: '≤ 110 KB' });
rows.push({ name: 'server cold start → /api/health (median of 5)', value: `${(await measureColdStart()).toFixed(0)} ms`, target: '' });
rows.push(...(await measureDomainValidation()));

print(rows);
if (process.argv.includes('--files')) for (const f of route.files) console.log(`${f.path}\t${f.gzipBytes}`);

function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

function print(table: Row[]): void {
	const widths = [Math.max(6, ...table.map((r) => r.name.length)), Math.max(5, ...table.map((r) => r.value.length)), Math.max(6, ...table.map((r) => r.target.length))];
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
	console.log(line(['metric', 'value', 'target']));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const r of table) console.log(line([r.name, r.value, r.target]));
}
