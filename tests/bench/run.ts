/**
 * `npm run bench`: builds the app, then prints one table of measured figures with targets.
 * Run on a quiet machine; figures are for the 2-core reference machine. `--lighthouse-runs N`
 * (default 3) sets how many Lighthouse runs per route the median is taken from; `--capture-runs N`
 * (default 3) the capture pipeline's; `--vault-runs N` (default 20) the encrypt + store puts';
 * `--task-list-runs N` (default 3) the throttled task-list loads'. `--only first-route,task-list`
 * runs just those groups (first-route, task-list, cold-start, domain, lighthouse, capture, vault).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { measureCapture } from './capture.ts';
import { measureColdStart } from './cold-start.ts';
import { measureDomainValidation } from './domain-validation.ts';
import { measureFirstRoute } from './first-route.ts';
import { measureLighthouse } from './lighthouse.ts';
import { measureTaskList } from './task-list.ts';
import { measureVaultPut } from './vault.ts';
import { numberOption, option } from './table.ts';

interface Row {
	name: string;
	value: string;
	target: string;
}

const root = resolve(import.meta.dirname, '..', '..');
const rows: Row[] = [];

const only = option('only', '').split(',').filter((g) => g !== '');
const runs = (group: string) => only.length === 0 || only.includes(group);

const route = runs('first-route') ? await measureFirstRoute(resolve(root, 'build')) : null;
if (route) {
	rows.push({ name: 'first route JS + CSS compressed bodies until home-ready', value: kb(route.jsBodyBytes + route.cssBodyBytes), target: '≤ 110 KB' });
	rows.push({ name: '  JS bodies · CSS bodies', value: `${kb(route.jsBodyBytes)} · ${kb(route.cssBodyBytes)}`, target: '' });
	rows.push({ name: 'first route on the wire (bodies + response headers, CDP encodedDataLength)', value: kb(route.jsBytes + route.cssBytes), target: '' });
	rows.push({ name: '  of which response headers', value: `${kb(route.headerBytes)} in ${route.files.length} responses`, target: '' });
	rows.push({ name: 'first route: navigation → home-ready (no throttling)', value: `${route.readyMs.toFixed(0)} ms`, target: '' });
}
if (runs('task-list')) {
	for (const mode of ['cgroup', 'devtools'] as const) {
		const tasks = await measureTaskList(resolve(root, 'build'), numberOption('task-list-runs', 3), mode);
		rows.push({ name: `task list responds: navigation → beian:task-list-ready at 4× CPU, ${tasks.throttle} (median of ${tasks.runs})`, value: `${(tasks.medianMs / 1000).toFixed(2)} s`, target: '≤ 2 s' });
		rows.push({ name: '  each run · throttle check (fixed loop slowdown)', value: `${tasks.timesMs.map((t) => t.toFixed(0)).join(' / ')} ms · ×${tasks.slowdown.toFixed(1)}`, target: '×4' });
	}
}
if (runs('cold-start')) rows.push({ name: 'server cold start → /api/health (median of 5)', value: `${(await measureColdStart()).toFixed(0)} ms`, target: '' });
if (runs('domain')) rows.push(...(await measureDomainValidation()));
if (runs('lighthouse')) {
const lighthouse = await measureLighthouse(resolve(root, 'build'), numberOption('lighthouse-runs', 3));
const index = lighthouse.map((f) => f.benchmarkIndex.toFixed(0)).join(' / ');
rows.push({ name: 'Lighthouse host benchmark index · load average', value: `${index} · ${loadavg()[0]?.toFixed(1)}`, target: '' });
for (const figure of lighthouse) {
	rows.push({ name: `Lighthouse ${figure.route} performance (mobile, slow 4G)`, value: figure.score.toFixed(2), target: '≥ 0.95' });
	rows.push({ name: `Lighthouse ${figure.route} LCP`, value: `${(figure.lcpMs / 1000).toFixed(2)} s`, target: '≤ 2.5 s' });
	rows.push({ name: `Lighthouse ${figure.route} FCP · TBT · bytes`, value: `${(figure.fcpMs / 1000).toFixed(2)} s · ${figure.tbtMs.toFixed(0)} ms · ${kb(figure.transferBytes)}`, target: '' });
}
}

if (runs('capture')) {
const capture = await measureCapture(numberOption('capture-runs', 3));
const slow = (x: number) => `×${x.toFixed(1)}`;
rows.push({ name: 'capture 4× throttle check: fixed loop slowdown page · worker', value: `${slow(capture.pageSlowdown)} · ${slow(capture.workerSlowdown)}`, target: '×4 · ×4' });
rows.push({ name: 'capture worker-target throttle', value: capture.workerThrottle, target: 'applied' });
rows.push({ name: `capture 12 MP JPEG → ${capture.width}×${capture.height} in the worker (median of ${capture.runs})`, value: `${capture.medianMs.toFixed(0)} ms at worker ${slow(capture.workerSlowdown)}`, target: '≤ 500 ms at 4×' });
if (capture.workerSlowdown < 3.5) {
	rows.push({ name: 'capture 12 MP, scaled to 4× (estimate: time × 4 / worker slowdown)', value: `≈ ${((capture.medianMs * 4) / capture.workerSlowdown).toFixed(0)} ms`, target: '≤ 500 ms' });
}
const st = capture.stages;
rows.push({ name: 'capture 12 MP: decode · resize · measure · encode wait after the measure (medians)', value: `${st.decodeMs.toFixed(0)} · ${st.resizeMs.toFixed(0)} · ${st.measureMs.toFixed(0)} · ${st.encodeMs.toFixed(0)} ms (${st.encodes} encode${st.encodes === 1 ? '' : 's'})`, target: '' });
rows.push({ name: 'capture 12 MP: wall time on the page (post → result)', value: `${capture.medianWallMs.toFixed(0)} ms`, target: '' });
rows.push({ name: 'capture 12 MP: longest main-thread task (page at 4×)', value: `${capture.longestTaskMs.toFixed(0)} ms`, target: '≤ 50 ms' });
rows.push({ name: 'capture 12 MP: output JPEG', value: kb(capture.outputBytes), target: '150–350 KB' });
}

if (runs('vault')) {
const vault = await measureVaultPut(numberOption('vault-runs', 20));
rows.push({ name: `vault: encrypt (AES-GCM) + store a 300 KB photo in IndexedDB (median of ${vault.runs})`, value: `${vault.medianMs.toFixed(1)} ms`, target: '≤ 50 ms' });
rows.push({ name: 'vault: encrypt + store a 300 KB photo, slowest run', value: `${vault.maxMs.toFixed(1)} ms`, target: '' });
}

print(rows);
if (route && process.argv.includes('--files')) {
	console.log('path\tbody bytes\twire bytes\tencoding');
	for (const f of route.files) console.log(`${f.path}\t${f.bodyBytes}\t${f.bytes}\t${f.encoding}`);
}

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
