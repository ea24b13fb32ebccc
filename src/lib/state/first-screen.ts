/**
 * The moment the start page is usable — the local draft is shown and its field accepts input —
 * marked `beian:home-ready` (`performance.mark`; tests/bench/first-route.ts counts the bytes the
 * browser fetched until then). Code the first screen can do without (Dexie and the workspace
 * session, the live domain rules, the filing overview, sync and presence) is imported with
 * `afterFirstScreen`: on the start page after the mark, on any other first route at once.
 */
export const HOME_READY_MARK = 'beian:home-ready';

/** The task list of an order is shown with its statuses and links (tests/bench/task-list.ts measures up to it). */
export const TASK_LIST_READY_MARK = 'beian:task-list-ready';

/** Sets a performance mark once per page load. */
export function markOnce(name: string): void {
	if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0) performance.mark(name);
}

/** How long the start page may take to mark before deferred code loads anyway (storage refused …), ms. */
const FALLBACK_MS = 4000;

let ready = false;
const waiting: (() => void)[] = [];
let fallback: ReturnType<typeof setTimeout> | null = null;

function release(): void {
	ready = true;
	if (fallback !== null) clearTimeout(fallback);
	fallback = null;
	const runAll = () => {
		for (const run of waiting.splice(0)) run();
	};
	// After the frame that shows the draft has been painted (a hidden page paints no frame).
	if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(() => setTimeout(runAll, 0));
	else setTimeout(runAll, 0);
}

/** The start page is usable: marks it once and lets the deferred imports start. */
export function markHomeReady(): void {
	markOnce(HOME_READY_MARK);
	release();
}

/**
 * Lets the deferred imports start without the mark: the first screen cannot show the draft
 * before Dexie (the bare IndexedDB read failed), so waiting would only delay it.
 */
export function releaseFirstScreen(): void {
	if (!ready) release();
}

/** Whether this is the start page's first screen, not usable yet: the only one shown before Dexie loads. */
export function isFirstScreenPending(): boolean {
	return !ready && typeof location !== 'undefined' && location.pathname === '/';
}

/** Resolves once the first screen is usable (at once on another first route). */
export function firstScreenDone(): Promise<void> {
	return new Promise((done) => afterFirstScreen(done));
}

/** Whether the first screen is usable (or the first route is not the start page). */
export function isFirstScreenDone(): boolean {
	return ready;
}

/** Runs `load` once the first screen is usable: after the start page's mark, or now on another route. */
export function afterFirstScreen(load: () => void): void {
	// Not the start page (or no longer: left before its mark): what waits for it runs too.
	if (!ready && (typeof location === 'undefined' || location.pathname !== '/')) release();
	if (ready) {
		load();
		return;
	}
	waiting.push(load);
	fallback ??= setTimeout(release, FALLBACK_MS);
}
