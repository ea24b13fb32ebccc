/**
 * A real CPU throttle for a benchmark's Chromium, the way a slower phone is slower: every thread
 * of its renderer, GPU and zygote processes gets a cgroup (v1 `cpu` controller) of its own whose
 * CFS quota is 1/rate of one core. The page's main thread, its workers and the decoder and raster
 * threads all run at most 1/rate as fast, and still run in parallel as on a phone's several
 * cores. DevTools' `Emulation.setCPUThrottlingRate` cannot do this: it slows one page's main
 * thread only, and Chromium 156 refuses it on worker targets. A thread or process started later
 * starts in its creator's cgroup (so it is throttled from its first instruction, sharing that
 * quota), and `adopt` — run every 50 ms while the throttle is on — gives it its own.
 * Needs a writable `/sys/fs/cgroup/cpu` (root on this machine); `CgroupThrottle.apply` answers
 * why not otherwise, and the caller falls back to DevTools and says so. The benches prove the
 * slowdown by timing a fixed loop on the page and in the worker before and after.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CPU = '/sys/fs/cgroup/cpu';
/**
 * A short CFS period: a group runs at most quota µs of each period, so with the default 100 ms
 * a thread would sit 75 ms at a time waiting for the next period, and a 5 ms main-thread task
 * could be seen as a 78 ms long task. 10 ms keeps the stalls shorter than any task we judge.
 */
const PERIOD_US = 10_000;
const ADOPT_EVERY_MS = 50;

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

/** The renderer, GPU and zygote processes under the browser launched with `marker` on its command line. */
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

function threads(pid: number): number[] {
	try {
		return readdirSync(`/proc/${pid}/task`).map(Number);
	} catch {
		return [];
	}
}

export class CgroupThrottle {
	readonly #root: string;
	readonly #quotaUs: number;
	readonly #marker: string;
	readonly #placed = new Set<number>();
	readonly #timer: ReturnType<typeof setInterval>;
	pids: number[] = [];

	private constructor(root: string, rate: number, marker: string) {
		this.#root = root;
		this.#quotaUs = Math.round(PERIOD_US / rate);
		this.#marker = marker;
		this.adopt();
		this.#timer = setInterval(() => this.adopt(), ADOPT_EVERY_MS);
		this.#timer.unref();
	}

	/** Throttles the browser launched with `marker` to 1/rate per thread; a reason string when it cannot. */
	static apply(marker: string, rate: number): CgroupThrottle | string {
		if (chromiumWorkers(marker).length === 0) return 'no renderer process found';
		if (!existsSync(CPU)) return `no cgroup v1 cpu controller at ${CPU}`;
		const root = join(CPU, `beian-bench-${process.pid}-${Date.now()}`);
		try {
			mkdirSync(root);
			return new CgroupThrottle(root, rate, marker);
		} catch (error) {
			try {
				rmdirSync(root);
			} catch {
				// Nothing was created.
			}
			return `cgroup not writable: ${(error as Error).message}`;
		}
	}

	/** Gives every thread of the browser's renderer, GPU and zygote processes not yet placed its own cgroup. */
	adopt(): void {
		this.pids = chromiumWorkers(this.#marker);
		for (const pid of this.pids) {
			for (const tid of threads(pid)) {
				if (this.#placed.has(tid)) continue;
				const dir = join(this.#root, String(tid));
				try {
					mkdirSync(dir, { recursive: true });
					writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
					writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(this.#quotaUs));
					writeFileSync(join(dir, 'tasks'), String(tid));
					this.#placed.add(tid);
				} catch {
					// The thread ended between the listing and the write.
				}
			}
		}
	}

	/** How many threads have a cgroup of their own. */
	get threads(): number {
		return this.#placed.size;
	}

	/** Moves every thread back to the root cgroup and removes the cgroups. */
	release(): void {
		clearInterval(this.#timer);
		for (const name of readdirSync(this.#root, { withFileTypes: true })) {
			if (!name.isDirectory()) continue;
			const dir = join(this.#root, name.name);
			for (const tid of readFileSync(join(dir, 'tasks'), 'utf8').split('\n').filter(Boolean)) {
				try {
					writeFileSync(join(CPU, 'tasks'), tid);
				} catch {
					// The thread has ended.
				}
			}
			rmdirSync(dir);
		}
		rmdirSync(this.#root);
	}
}
