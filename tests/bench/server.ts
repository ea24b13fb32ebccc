/**
 * `npm run bench:server`: our sync server (durable acknowledgments on, SQLite in a temporary
 * folder, `node sync-server/src/main.ts` configured by env) side by side with the reference
 * server bundled in y-websocket 2.1.0 (no persistence, as in research §2.2). Each runs as its
 * own child process on 127.0.0.1 so its RSS is its own; the same load generator drives both.
 *
 * Options: `--rooms 500` `--rate 1000` (updates/s in total) `--duration 20` (s, measured)
 * `--warmup 3` (s) `--only ours|reference` `--presence-rooms 500` (rooms × 3 clients moving
 * their carets at `--presence-hz 10` while one of each room edits; see server-awareness.ts)
 * `--part all|presence` (presence: only the awareness rows, to develop them at a small size) `--group-commit-ms N` (our SYNC_GROUP_COMMIT_MS) `--profile <dir>` (our server runs with `node --cpu-prof`
 * and writes one `.cpuprofile` per thread there — main and doc-store worker; summarise them with
 * `node tests/bench/profile-summary.ts <dir>`).
 * Ours starts twice with one fresh compile cache (NODE_COMPILE_CACHE, as `npm start` sets it):
 * the first start only reports its RSS (what the first start after an install costs), the
 * second is measured.
 * Run it on a quiet machine: the load generator shares the cores with the server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnOurServer, spawnReferenceServer, type ServerProcess } from '../support/server-process.ts';
import { measureEditBytes, measureReconnectBytes, type EditBytes, type HandshakeBytes } from './server-bytes.ts';
import { measureCursorBytes, runPresenceLoad, type CursorBytes, type PresenceLoadOptions, type PresenceLoadResult } from './server-awareness.ts';
import { measureStalledReaders, type StalledReaders, type StalledRun } from './server-stalled.ts';
import { api, signUpWithSubject } from '../support/server.ts';
import { mapLimit, percentile, runLoad, sleep, type LoadOptions, type LoadResult, type Target } from './server-load.ts';
import { ms, numberOption, option, printTable } from './table.ts';

/** The edit load, wire bytes and stalled readers (skipped with `--part presence`). */
interface Full {
	load: LoadResult;
	edit: EditBytes;
	handshake: HandshakeBytes;
	stalled: StalledReaders;
}

interface Measured {
	/** RSS with no client yet, a moment after the start (the presence part runs before the edit load on the same process). */
	rssAtStart: number;
	full?: Full;
	cursor: CursorBytes;
	presence: PresenceLoadResult;
}

/** After the start, before the empty RSS: a server's start-up garbage is collected within a second (main.ts releases it at 0.5 s). */
const START_SETTLE_MS = 1000;

const load: LoadOptions = {
	rooms: numberOption('rooms', 500),
	rate: numberOption('rate', 1000),
	durationMs: numberOption('duration', 20) * 1000,
	warmupMs: numberOption('warmup', 3) * 1000
};
const presence: PresenceLoadOptions = {
	rooms: numberOption('presence-rooms', 500),
	hz: numberOption('presence-hz', 10),
	// The same edits per room as the edit load.
	editRate: (numberOption('presence-rooms', 500) * load.rate) / load.rooms,
	durationMs: load.durationMs,
	warmupMs: load.warmupMs
};
const part = option('part', 'all');
const only = option('only', '');
const profileDir = option('profile', '');
/** Our server's SYNC_GROUP_COMMIT_MS (default: its own default). */
const groupCommitMs = option('group-commit-ms', '');

const dataDirs: string[] = [];
/** When our server was spawned (its profile's clock starts about then). */
let spawnedAt = 0;
/** RSS of our server's first start (empty compile cache), 1.5 s after it listened. */
let coldStartRss: number | undefined;
const ours: Target = {
	name: 'ours',
	async start() {
		const dataDir = mkdtempSync(join(tmpdir(), 'beian-bench-'));
		dataDirs.push(dataDir);
		// Production limits, except registrations (one account per room) and connections per
		// address (every load connection comes from 127.0.0.1).
		const env = {
			LOG_LEVEL: 'warn',
			REGISTER_LIMIT_PER_IP: '100000/60',
			SYNC_MAX_CONNECTIONS_PER_IP: '100000',
			NODE_COMPILE_CACHE: join(dataDir, 'compile-cache'),
			...(groupCommitMs ? { SYNC_GROUP_COMMIT_MS: groupCommitMs } : {})
		};
		// A first start with an empty compile cache (as after an install or upgrade), measured and
		// stopped; it fills the cache, so the measured server is a later start, as in production.
		const first = await spawnOurServer({ dataDir: join(dataDir, 'first'), env });
		await new Promise((done) => setTimeout(done, 1500));
		coldStartRss = first.rss();
		await first.stop('SIGTERM');
		const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
		spawnedAt = performance.now();
		return spawnOurServer({ dataDir: join(dataDir, 'server'), nodeArgs, env });
	},
	// Auth on: each room is the workspace of a subject bound to its own account; both
	// connections of a room carry that account's session cookie and the app's Origin.
	rooms: (server, count) =>
		mapLimit(Array.from({ length: count }), 2, async () => {
			const owner = await signUpWithSubject({ url: server.httpOrigin }, '压测');
			// The display name presence stamps (PRES-2), as long as the one the reference's clients send.
			const named = await api({ url: server.httpOrigin }, 'PATCH', '/api/me', { cookie: owner.cookie, body: { displayName: '压测' } });
			if (named.status !== 200) throw new Error(`display name refused: ${named.status}`);
			return { url: `${server.wsOrigin}/sync/${owner.workspaceRoom}`, headers: { origin: server.httpOrigin, cookie: owner.cookie } };
		})
};
const reference: Target = {
	name: 'reference',
	start: () => spawnReferenceServer(),
	rooms: async (server, count, label) => Array.from({ length: count }, (_, i) => ({ url: `${server.wsOrigin}/bench-${label}-${i}`, headers: {} }))
};

console.log(`bench:server — ${load.rooms} rooms × 2 connections, ${load.rate} updates/s, ${load.durationMs / 1000} s measured after ${load.warmupMs / 1000} s warm-up`);
console.log(`  presence: ${presence.rooms} rooms × 3 connections, carets at ${presence.hz} Hz each, ${presence.editRate} edits/s; load average ${loadAverage()}`);
const results = new Map<string, Measured>();
try {
	for (const target of [ours, reference]) {
		if (only && only !== target.name) continue;
		console.log(`  ${target.name}: starting`);
		results.set(target.name, await measure(target));
	}
} finally {
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
report(results.get('ours'), results.get('reference'));

async function measure(target: Target): Promise<Measured> {
	const server: ServerProcess = await target.start();
	try {
		await sleep(START_SETTLE_MS);
		const rssAtStart = server.rss();
		console.log(`  ${target.name}: cursor bytes`);
		const cursor = await measureCursorBytes(target, server);
		console.log(`  ${target.name}: one relayed caret ${cursor.example}`);
		console.log(`  ${target.name}: presence load (pid ${server.pid}), load average ${loadAverage()}`);
		const presenceResult = await runPresenceLoad(target, server, presence);
		console.log(`  ${target.name}: presence load done, load average ${loadAverage()}`);
		if (part === 'presence') return { rssAtStart, cursor, presence: presenceResult };
		console.log(`  ${target.name}: load (pid ${server.pid})`);
		const result = await runLoad(target, server, load);
		if (profileDir && target === ours) writeProfileWindow(server.pid, result);
		console.log(`  ${target.name}: wire bytes`);
		const edit = await measureEditBytes(target, server);
		const handshake = await measureReconnectBytes(target, server);
		console.log(`  ${target.name}: reconnect handshake ${handshake.detail}`);
		console.log(`  ${target.name}: 5 stalled readers`);
		const stalled = await measureStalledReaders(target, server);
		return { rssAtStart, full: { load: result, edit, handshake, stalled }, cursor, presence: presenceResult };
	} finally {
		await server.stop('SIGTERM');
	}
}

/** `window-<pid>.json` beside the profiles: the measured period in seconds after the spawn, read by profile-summary.ts. */
function writeProfileWindow(pid: number, result: LoadResult): void {
	const window = { fromS: (result.window.from - spawnedAt) / 1000, untilS: (result.window.until - spawnedAt) / 1000 };
	mkdirSync(profileDir, { recursive: true });
	writeFileSync(join(profileDir, `window-${pid}.json`), JSON.stringify(window));
}

function report(ma: Measured | undefined, mb_: Measured | undefined): void {
	const a = ma?.full;
	const b = mb_?.full;
	const ackStats = (m: Full | undefined) => {
		const sorted = [...(m?.load.ackLatenciesMs ?? [])].sort((x, y) => x - y);
		return sorted.length === 0 ? '—' : `${lat(percentile(sorted, 50))} / ${lat(percentile(sorted, 99))} (${sorted.length})`;
	};
	const stats = (m: Full | undefined) => {
		const sorted = [...(m?.load.latenciesMs ?? [])].sort((x, y) => x - y);
		return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
	};
	const sa = stats(a);
	const sb = stats(b);
	const perConn = (m: Full | undefined) => (m ? (m.load.rssIdle - m.load.rssEmpty) / m.load.connections : Number.NaN);
	const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
	const kb = (bytes: number) => (Number.isNaN(bytes) ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
	const b_ = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '—' : `${bytes} B`);
	const lat = (value: number) => (Number.isNaN(value) ? '—' : ms(value));
	const pass = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'yes' : 'NO');
	const grown = (r: StalledRun) => r.rssPeak - r.rssBefore;
	const growth = (r: StalledRun | undefined) => (r ? `+${mb(grown(r))}` : '—');
	const full: string[][] = [
		['wire bytes per single-field edit (relayed update payload, median)', b_(a?.edit.relayed), b_(b?.edit.relayed), '≤ 48 B', pass(a && a.edit.relayed <= 48)],
		['  largest of the edits', b_(a?.edit.relayedMax), b_(b?.edit.relayedMax), '', ''],
		['  writer → server payload', b_(a?.edit.sent), b_(b?.edit.sent), '', ''],
		['  back to the writer per edit', a?.edit.backToWriter ?? '—', b?.edit.backToWriter ?? '—', '', ''],
		['reconnect handshake of an up-to-date client (empty diff), both ways', b_(a?.handshake.total), b_(b?.handshake.total), '≤ 100 B', pass(a && a.handshake.total <= 100)],
		[`relay latency p50 (${load.rooms} rooms × 2, ${load.rate} upd/s)`, lat(sa.p50), lat(sb.p50), '', ''],
		['relay latency p95', lat(sa.p95), lat(sb.p95), '', ''],
		['relay latency p99', lat(sa.p99), lat(sb.p99), '≤ 10 ms, ≤ 1.3× ref', pass(a && sa.p99 <= 10 && (!b || sa.p99 <= 1.3 * sb.p99))],
		['relay latency max', lat(sa.max), lat(sb.max), '', ''],
		['edit → saved at the writer p50 / p99 (acknowledged after the fsync; group window SYNC_GROUP_COMMIT_MS)', ackStats(a), ackStats(b), '', ''],
		['latency samples (updates sent in the measured period)', String(a?.load.latenciesMs.length ?? '—'), String(b?.load.latenciesMs.length ?? '—'), '', ''],
		['updates delivered / sent (whole run)', a ? `${a.load.delivered} / ${a.load.sent}` : '—', b ? `${b.load.delivered} / ${b.load.sent}` : '—', 'all', pass(a && a.load.delivered >= a.load.sent)],
		['server RSS empty (no client yet, 1 s after the start)', mb(ma?.rssAtStart), mb(mb_?.rssAtStart), '≤ 1.5× ref', pass(ma && (!mb_ || ma.rssAtStart <= 1.5 * mb_.rssAtStart))],
		['server RSS before the edit load (after the presence part) / idle / loaded', a ? `${mb(a.load.rssEmpty)} / ${mb(a.load.rssIdle)} / ${mb(a.load.rssLoaded)}` : '—', b ? `${mb(b.load.rssEmpty)} / ${mb(b.load.rssIdle)} / ${mb(b.load.rssLoaded)}` : '—', '', ''],
		['  first start after an install (empty compile cache), at start', mb(coldStartRss), '—', '', ''],
		['RSS per connection ((idle − before) / connections)', kb(perConn(a)), kb(perConn(b)), '≤ 64 KB', pass(a && perConn(a) <= 64 * 1024)],
		['server CPU during load (share of one core)', a ? `${(a.load.cpuShare * 100).toFixed(0)} %` : '—', b ? `${(b.load.cpuShare * 100).toFixed(0)} %` : '—', '≤ 1.5× ref', pass(a && (!b || a.load.cpuShare <= 1.5 * b.load.cpuShare))],
		['connect + seed all clients', a ? ms(a.load.connectMs) : '—', b ? ms(b.load.connectMs) : '—', '', ''],
		[
			`RSS growth (peak − before) while ${Math.round(a?.stalled.megabytes ?? b?.stalled.megabytes ?? 40)} MB pass through a room, 5 stalled readers`,
			growth(a?.stalled.stalled),
			growth(b?.stalled.stalled),
			// 5 × (the 4 MiB limit + the update in flight when it tripped) + heap slack.
			'≤ control + 32 MB',
			pass(a && grown(a.stalled.stalled) <= grown(a.stalled.control) + 32 * 1024 * 1024)
		],
		['  the same traffic, no stalled reader (control)', growth(a?.stalled.control), growth(b?.stalled.control), '', ''],
		['  RSS 8 s after the traffic, 5 stalled readers', mb(a?.stalled.stalled.rssAfter), mb(b?.stalled.stalled.rssAfter), '', ''],
		['  stalled sockets closed by the server', a ? `${a.stalled.stalled.closedByServer} / 5` : '—', b ? `${b.stalled.stalled.closedByServer} / 5` : '—', 'all', pass(a && a.stalled.stalled.closedByServer === 5)],
		['durable acks / auth on the upgrade', 'on / on (session cookie + Origin)', 'none / none', 'both on', '']
	];
	printTable([['metric', 'ours', 'reference', 'target', 'pass'], ...(a || b ? full : []), ...presenceRows(ma, mb_)]);
}

function presenceRows(a: Measured | undefined, b: Measured | undefined): string[][] {
	const stats = (values: number[] | undefined) => {
		const sorted = [...(values ?? [])].sort((x, y) => x - y);
		return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
	};
	const moveA = stats(a?.presence.moveLatenciesMs);
	const moveB = stats(b?.presence.moveLatenciesMs);
	const editA = stats(a?.presence.editLatenciesMs);
	const editB = stats(b?.presence.editLatenciesMs);
	const bytes = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : `${value} B`);
	const lat = (value: number) => (Number.isNaN(value) ? '—' : ms(value));
	const pass = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'yes' : 'NO');
	const share = (m: Measured | undefined) => (m ? `${(m.presence.cpuShare * 100).toFixed(0)} %` : '—');
	const moves = (m: Measured | undefined) => (m ? `${m.presence.movesReceived} / ${m.presence.movesExpected} (${m.presence.refused} refused)` : '—');
	const last = (m: Measured | undefined) => (m ? `${m.presence.lastSeen} / ${m.presence.lastExpected} (${m.presence.refused} refused)` : '—');
	const within = (ours: number, reference: number) => (a && b ? pass(ours <= 1.3 * reference) : '—');
	return [
		['awareness bytes per caret move (relayed message payload, median)', bytes(a?.cursor.relayed), bytes(b?.cursor.relayed), '≤ 100 B', pass(a && a.cursor.relayed <= 100)],
		['  largest of the moves', bytes(a?.cursor.relayedMax), bytes(b?.cursor.relayedMax), '', ''],
		['  mover → server payload', bytes(a?.cursor.sent), bytes(b?.cursor.sent), '', ''],
		[`caret relay latency p50 (${presence.rooms} rooms × 3 at ${presence.hz} Hz, ${presence.editRate} edits/s)`, lat(moveA.p50), lat(moveB.p50), '', ''],
		['caret relay latency p95', lat(moveA.p95), lat(moveB.p95), '', ''],
		['caret relay latency p99', lat(moveA.p99), lat(moveB.p99), '≤ 1.3× ref', within(moveA.p99, moveB.p99)],
		['caret relay latency max', lat(moveA.max), lat(moveB.max), '', ''],
		['  caret moves relayed / sent × 2 (a move superseded while held for the interval is not relayed)', moves(a), moves(b), '', ''],
		["  each mover's last caret at both others (and refusals)", last(a), last(b), 'all, 0 refused', pass(a && a.presence.lastSeen >= a.presence.lastExpected && a.presence.refused === 0)],
		['edit relay latency p99 alongside the carets', lat(editA.p99), lat(editB.p99), '≤ 1.3× ref', within(editA.p99, editB.p99)],
		['server CPU during the caret load (share of one core)', share(a), share(b), '', '']
	];
}

function loadAverage(): string {
	return loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
}
