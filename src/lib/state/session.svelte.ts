/**
 * Who is signed in on this device, and which workspace they edit. Starts from the snapshot
 * kept in IndexedDB (so the app opens offline into the right workspace), then asks the
 * server. Methods are the user's intents; each returns the API result so forms can show a
 * localised error by its code. Dexie loads after the start page's first screen (first-screen.ts):
 * that screen reads the snapshot with the bare IndexedDB API, every other screen waits for `db`.
 */
import type { BeianDb } from '../storage/db.ts';
import { currentDeviceAccount, deviceAccounts, forgetSignedIn, rememberSignedIn } from '../storage/device-accounts.ts';
import { openFirstRead } from '../storage/first-read.ts';
import { api, MeSchema, type ApiResult, type BindSubjectInput, type Me, type Role } from '../sync/api.ts';
import { firstScreenDone, isFirstScreenPending, releaseFirstScreen } from './first-screen.ts';

/** The workspace of a device with no account yet (drafts stay here until sign-up). */
export const LOCAL_WORKSPACE_ID = 'local';

export interface ActiveWorkspace {
	/** Local id: the subject id, or LOCAL_WORKSPACE_ID. */
	id: string;
	/** Whether it syncs with the server (false for the local draft). */
	syncs: boolean;
	role: Role;
	subjectName: string;
	/** The subject type (主办单位性质) when this device knows it (the owner's own subject), else null. */
	subjectType: string | null;
}

/** Loads Dexie and opens the app's database (off the start page's first bytes). */
async function openAppDb(): Promise<BeianDb> {
	const { createDb } = await import('../storage/db.ts');
	return createDb();
}

export class SessionState {
	#db = $state.raw<BeianDb | null>(null);
	#openDb: () => Promise<BeianDb>;
	#me = $state<Me | null>(null);
	#hasSnapshot = $state(false);
	#loaded = $state(false);
	#deviceAccounts = $state<{ accountId: string; email: string; current: boolean }[]>([]);

	constructor(openDb: () => Promise<BeianDb> = openAppDb) {
		this.#openDb = openDb;
	}

	/** The app's database; throws before `hasStorage` (routes render once it is there, the start page's first screen excepted). */
	get db(): BeianDb {
		if (!this.#db) throw new Error('the device storage is not open yet');
		return this.#db;
	}

	/** Whether Dexie has loaded and `db` can be used. */
	get hasStorage(): boolean {
		return this.#db !== null;
	}

	/** The signed-in account as last confirmed (offline: as remembered on this device). */
	get me(): Me | null {
		return this.#me;
	}

	/** False until the device snapshot has been read through Dexie (and `db` is open). */
	get isLoaded(): boolean {
		return this.#loaded;
	}

	/**
	 * True once the signed-in account's snapshot is known: on the start page's first screen
	 * from the bare IndexedDB read, before Dexie; elsewhere with `isLoaded`.
	 */
	get hasSnapshot(): boolean {
		return this.#hasSnapshot;
	}

	get accountsOnDevice(): readonly { accountId: string; email: string; current: boolean }[] {
		return this.#deviceAccounts;
	}

	/** The workspace the start page edits. */
	get activeWorkspace(): ActiveWorkspace {
		const me = this.#me;
		if (me?.subject) return { id: me.subject.id, syncs: true, role: 'owner', subjectName: me.subject.name, subjectType: me.subject.subjectType };
		const membership = me?.memberships[0];
		if (membership) return { id: membership.subjectId, syncs: true, role: membership.role, subjectName: membership.subjectName, subjectType: null };
		return { id: LOCAL_WORKSPACE_ID, syncs: false, role: 'owner', subjectName: '', subjectType: null };
	}

	/**
	 * Reads the device snapshot (`isLoaded` turns true, the app opens offline), then refreshes
	 * from the server; resolves after both. Rejects when this device's storage fails.
	 */
	async load(): Promise<void> {
		await this.#readFirstScreenSnapshot();
		await firstScreenDone();
		const db = await this.#openDb();
		this.#db = db;
		const parsed = MeSchema.safeParse(await currentDeviceAccount(db));
		this.#me = parsed.success ? parsed.data : null;
		this.#deviceAccounts = await deviceAccounts(db);
		this.#hasSnapshot = true;
		this.#loaded = true;
		await this.refresh();
	}

	/** The start page's first screen: the same snapshot, read before Dexie loads (when IndexedDB refuses, Dexie reads it). */
	async #readFirstScreenSnapshot(): Promise<void> {
		if (!isFirstScreenPending()) return;
		try {
			const read = await openFirstRead();
			read.close();
			const parsed = MeSchema.safeParse(read.me);
			this.#me = parsed.success ? parsed.data : null;
			this.#hasSnapshot = true;
		} catch {
			releaseFirstScreen();
		}
	}

	/** Asks the server who we are. Offline keeps the snapshot; 401 signs out locally. */
	async refresh(): Promise<ApiResult<Me>> {
		const result = await api.me();
		if (result.ok) await this.#remember(result.value);
		else if (result.status === 401) await this.#forget();
		return result;
	}

	async register(email: string, password: string, displayName: string): Promise<ApiResult<unknown>> {
		const result = await api.register(email, password, displayName);
		return result.ok ? this.refresh() : result;
	}

	/** Changes the display name others see in presence (PRES-5), then reloads `me`. */
	async setDisplayName(displayName: string): Promise<ApiResult<unknown>> {
		const result = await api.setDisplayName(displayName);
		return result.ok ? this.refresh() : result;
	}

	async signIn(email: string, password: string): Promise<ApiResult<unknown>> {
		const result = await api.signIn(email, password);
		return result.ok ? this.refresh() : result;
	}

	async signOut(): Promise<ApiResult<unknown>> {
		const result = await api.signOut();
		if (result.ok || result.status === 401) await this.#forget();
		return result;
	}

	/**
	 * Binds this account to its one subject, then moves the device's local draft into the
	 * subject's workspace, which syncs to the server — nothing typed before sign-up is lost.
	 */
	async bindSubject(input: BindSubjectInput, beforeMerge: () => Promise<void> = async () => undefined): Promise<ApiResult<unknown>> {
		const result = await api.bindSubject(input);
		if (!result.ok) return result;
		// The draft's subject (name, type, certificate as typed) becomes the subject's workspace:
		// one value, not a copy. The caller closes its open draft first.
		await beforeMerge();
		const { mergeWorkspace } = await import('../storage/workspaces.ts');
		await mergeWorkspace(this.db, LOCAL_WORKSPACE_ID, result.value.subject.id);
		return this.refresh();
	}

	/**
	 * Switches to another account used on this device (one origin holds one session cookie, so
	 * one account is active at a time): signs the current one out on the server — no session is
	 * left behind — and signs `email` in with its password. The workspace host then closes the
	 * previous account's workspace and opens this one's (its own data, vault and outbox).
	 * Offline nothing changes (sign-in needs the server); a wrong password leaves the device
	 * signed out, the previous account's data untouched, and the switcher asks again.
	 */
	async switchTo(email: string, password: string): Promise<ApiResult<unknown>> {
		if (this.#me && this.#me.account.email !== email) {
			const out = await api.signOut();
			if (!out.ok && out.status !== 401) return out;
			await this.#forget();
		}
		return this.signIn(email, password);
	}

	async acceptInvite(code: string): Promise<ApiResult<unknown>> {
		const result = await api.acceptInvite(code);
		return result.ok ? this.refresh() : result;
	}

	/** Reads the accounts on this device again (after one's data was removed from it). */
	async reloadDeviceAccounts(): Promise<void> {
		this.#deviceAccounts = await deviceAccounts(this.db);
	}

	async #remember(me: Me): Promise<void> {
		await rememberSignedIn(this.db, me);
		this.#me = me;
		this.#deviceAccounts = await deviceAccounts(this.db);
	}

	async #forget(): Promise<void> {
		await forgetSignedIn(this.db);
		this.#me = null;
		this.#deviceAccounts = await deviceAccounts(this.db);
	}
}
