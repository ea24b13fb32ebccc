/**
 * The signed-in account's inbox (NOTE-3, NOTE-4): the entries as kept on this device (so they
 * show offline and after a reload), refreshed from `GET /api/inbox` while the app is open, online
 * and visible (a poll, and at once on coming back online or into view); read marks made here are
 * shown at once and sent when the server can be reached. An unread entry the device has not seen
 * before raises one Web Notification — only where the person allowed it, and permission is asked
 * only from `askPermission`, which a button calls (never on load). No push service is involved.
 */
import { InboxReadBodySchema, InboxResponseSchema, INBOX_READ_MAX_IDS } from '../domain/account-request/account-request-wire.ts';
import { newUnreadEntries } from '../domain/notification/inbox.ts';
import { cachedInbox, markReadLocally, pendingReads, storeInbox, type CachedInboxEntry } from '../storage/inbox-cache.ts';
import { call } from '../sync/api.ts';
import type { SessionState } from './session.svelte.ts';

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface InboxOptions {
	readonly session: SessionState;
	/** Hands a promise nobody awaits to the error funnel. */
	readonly watch: (promise: Promise<unknown>, context: string) => void;
	/** The notification's text for new entries, newest first (localized by the caller). */
	readonly describe: (entries: readonly CachedInboxEntry[]) => { title: string; body: string } | Promise<{ title: string; body: string }>;
	/** How often the inbox is fetched while open, online and visible. */
	readonly pollMs?: number;
}

const DEFAULT_POLL_MS = 15_000;

/** Read here or on the server. */
export const isRead = (entry: CachedInboxEntry): boolean => entry.readAt !== null || entry.pendingRead;

function currentPermission(): NotifyPermission {
	return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Shows one notification: the page's constructor, else the service worker's (Chrome on Android has no constructor). */
async function showNotification(title: string, options: NotificationOptions): Promise<void> {
	try {
		new Notification(title, options);
	} catch {
		const registration = await navigator.serviceWorker?.getRegistration();
		await registration?.showNotification(title, options);
	}
}

export class InboxState {
	#o: InboxOptions;
	#accountId = $state<string | null>(null);
	#entries = $state<CachedInboxEntry[]>([]);
	#syncedAt = $state<number | null>(null);
	#isLoaded = $state(false);
	#isOnline = $state(true);
	#isReviewer = $state(false);
	#permission = $state<NotifyPermission>('unsupported');
	#running: Promise<void> | null = null;
	#again = false;

	constructor(options: InboxOptions) {
		this.#o = options;
	}

	/** The account's entries, newest first. */
	get entries(): readonly CachedInboxEntry[] {
		return this.#entries;
	}

	get unread(): number {
		return this.#entries.filter((e) => !isRead(e)).length;
	}

	/** False until this account's entries were read from the device. */
	get isLoaded(): boolean {
		return this.#isLoaded;
	}

	/** True when the last fetch found no server: the entries are the device's copy. */
	get isOffline(): boolean {
		return !this.#isOnline;
	}

	/** When the list was last fetched on this device (ms), or null. */
	get syncedAt(): number | null {
		return this.#syncedAt;
	}

	/** Reviewer accounts have no inbox (the server answers 403). */
	get isReviewer(): boolean {
		return this.#isReviewer;
	}

	get permission(): NotifyPermission {
		return this.#permission;
	}

	/** Starts fetching while the app is open; returns the stop function. Never asks for permission. */
	start(): () => void {
		this.#permission = currentPermission();
		this.#isOnline = navigator.onLine !== false;
		const tick = () => {
			if (document.visibilityState === 'visible' && navigator.onLine !== false) this.#o.watch(this.refresh(), 'inbox.refresh');
		};
		const online = () => {
			this.#isOnline = true;
			tick();
		};
		const offline = () => (this.#isOnline = false);
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		document.addEventListener('visibilitychange', tick);
		const timer = setInterval(tick, this.#o.pollMs ?? DEFAULT_POLL_MS);
		this.#o.watch(this.refresh(), 'inbox.refresh');
		return () => {
			clearInterval(timer);
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			document.removeEventListener('visibilitychange', tick);
		};
	}

	/** Reads the device's copy of the signed-in account's inbox, then fetches the server's; one run at a time. */
	refresh(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		const run = this.#refresh().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				this.#o.watch(this.refresh(), 'inbox.refresh');
			}
		});
		this.#running = run;
		return run;
	}

	/** Marks entries read: shown read at once, sent to the server (now, or when it can be reached). */
	async markRead(ids: readonly string[]): Promise<void> {
		const accountId = this.#accountId;
		if (!accountId || ids.length === 0) return;
		await markReadLocally(this.#o.session.db, accountId, ids);
		this.#entries = (await cachedInbox(this.#o.session.db, accountId)).entries;
		await this.refresh();
	}

	/** Asks for notification permission; call it only from the person's own press of a button. */
	async askPermission(): Promise<void> {
		if (typeof Notification === 'undefined') return;
		this.#permission = await Notification.requestPermission();
	}

	async #refresh(): Promise<void> {
		// The device storage opens after the start page's first screen; the account's change reruns this.
		if (!this.#o.session.hasStorage) return;
		const { db } = this.#o.session;
		const accountId = this.#o.session.me?.account.id ?? null;
		if (accountId !== this.#accountId) await this.#switchTo(accountId);
		if (!accountId || this.#isReviewer) return;
		const known = this.#syncedAt === null ? null : this.#entries.map((e) => e.id);
		const pending = await pendingReads(db, accountId);
		if (pending.length > 0) await call(InboxResponseSchema, 'POST', '/api/inbox/read', InboxReadBodySchema.parse({ ids: pending.slice(0, INBOX_READ_MAX_IDS) }));
		const result = await call(InboxResponseSchema, 'GET', '/api/inbox');
		if (this.#accountId !== accountId) return;
		if (!result.ok) {
			if (result.error === 'offline') this.#isOnline = false;
			if (result.status === 403) this.#isReviewer = true;
			return;
		}
		this.#isOnline = true;
		await storeInbox(db, accountId, result.value.items, Date.now());
		const cached = await cachedInbox(db, accountId);
		this.#entries = cached.entries;
		this.#syncedAt = cached.syncedAt;
		const fresh = newUnreadEntries(known, cached.entries.filter((e) => !e.pendingRead));
		if (fresh.length > 0) await this.#notify(fresh);
	}

	async #switchTo(accountId: string | null): Promise<void> {
		this.#accountId = accountId;
		this.#isReviewer = false;
		this.#isLoaded = false;
		const cached = accountId ? await cachedInbox(this.#o.session.db, accountId) : { entries: [], syncedAt: null };
		if (this.#accountId !== accountId) return;
		this.#entries = cached.entries;
		this.#syncedAt = cached.syncedAt;
		this.#isLoaded = true;
	}

	async #notify(fresh: readonly CachedInboxEntry[]): Promise<void> {
		this.#permission = currentPermission();
		const [newest] = fresh;
		if (this.#permission !== 'granted' || !newest) return;
		const { title, body } = await this.#o.describe(fresh);
		await showNotification(title, { body, tag: `inbox-${newest.id}`, lang: document.documentElement.lang, icon: '/icons/icon-192.png' });
	}
}
