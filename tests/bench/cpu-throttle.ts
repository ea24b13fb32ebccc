/**
 * A real CPU throttle for a benchmark's Chromium: its renderer and GPU processes go into a
 * cgroup (v1 `cpu` controller) whose CFS quota is 1/rate of one core, so the page's main
 * thread, its workers and the decoder threads all slow down together — the way a slower phone
 * is slower. DevTools' `Emulation.setCPUThrottlingRate` cannot do this: it slows one page's
 * main thread only, and Chromium 156 refuses it on worker targets. Needs a writable
 * `/sys/fs/cgroup/cpu` (root on this machine); `CgroupThrottle.apply` answers why not otherwise,
 * and the caller falls back to DevTools and says so. The bench proves the slowdown by timing a
 * fixed loop on the page and in the worker before and after.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CPU = '/sys/fs/cgroup/cpu';
/**
 * A short CFS period: the group runs at most quota µs of each period, so with the default 100 ms
 * a thread would sit 75 ms at a time waiting for the next period, and a 5 ms main-thread task
 * could be seen as a 78 ms long task. 10 ms keeps the stalls shorter than any task we judge.
 */
const PERIOD_US = 10_000;

interface Proc {
	pid: number;
	ppid: number;
	cmdline: string;
}

function processes(): Proc[] {
	const found: Proc[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
			found.push({ pid: Number(name), ppid, cmdline });
		} catch {
			// The process ended while it was being read.
		}
	}
	return found;
}

/**
 * The renderer, GPU and zygote processes under the browser launched with `marker` on its
 * command line. Renderers are forked from the zygote and a child starts in its parent's cgroup,
 * so with the zygote inside, a renderer a later navigation starts is throttled too.
 */
export function chromiumWorkers(marker: string): number[] {
	const all = processes();
	const browser = all.find((p) => p.cmdline.includes(marker) && !p.cmdline.includes('--type='));
	if (!browser) return [];
	const children = new Map<number, Proc[]>();
	for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
	const out: number[] = [];
	const queue = [browser.pid];
	while (queue.length > 0) {
		for (const child of children.get(queue.shift() as number) ?? []) {
			queue.push(child.pid);
			if (/--type=(renderer|gpu-process|zygote)\b/.test(child.cmdline)) out.push(child.pid);
		}
	}
	return out;
}

export class CgroupThrottle {
	readonly #dir: string;
	readonly pids: number[];

	private constructor(dir: string, pids: number[]) {
		this.#dir = dir;
		this.pids = pids;
	}

	/** Moves the processes into a new cgroup limited to 1/rate of a core; a reason string when it cannot. */
	static apply(pids: number[], rate: number): CgroupThrottle | string {
		if (pids.length === 0) return 'no renderer process found';
		if (!existsSync(CPU)) return `no cgroup v1 cpu controller at ${CPU}`;
		const dir = join(CPU, `beian-bench-${process.pid}-${Date.now()}`);
		try {
			mkdirSync(dir);
			writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
			writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.round(PERIOD_US / rate)));
			for (const pid of pids) writeFileSync(join(dir, 'cgroup.procs'), String(pid));
		} catch (error) {
			try {
				rmdirSync(dir);
			} catch {
				// Nothing was created.
			}
			return `cgroup not writable: ${(error as Error).message}`;
		}
		return new CgroupThrottle(dir, pids);
	}

	/**
	 * Moves processes started since (a navigation may get a new renderer) into the cgroup too;
	 * answers how many of `pids` are in it.
	 */
	adopt(pids: number[]): number {
		for (const pid of pids) {
			try {
				writeFileSync(join(this.#dir, 'cgroup.procs'), String(pid));
			} catch {
				// The process has ended.
			}
		}
		const inside = new Set(readFileSync(join(this.#dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number));
		return pids.filter((pid) => inside.has(pid)).length;
	}

	/** Moves the processes back to the root cgroup and removes this one. */
	release(): void {
		for (const pid of readFileSync(join(this.#dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
			try {
				writeFileSync(join(CPU, 'cgroup.procs'), pid);
			} catch {
				// The process has ended.
			}
		}
		rmdirSync(this.#dir);
	}
}
