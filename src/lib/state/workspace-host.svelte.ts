/**
 * Which workspace sessions are open, following the signed-in account: the active workspace
 * (the start page edits it) and, while the account has no subject of its own, the device's
 * local draft (the binding form edits it — so the name typed when binding is the subject name
 * of the workspace, one value). Routes take the host from context; none opens or closes a doc.
 * On the start page's first screen it shows the active workspace's draft before the workspace
 * session (Dexie, y-dexie, sync) has loaded: `firstScreen`, handed over to the session as it opens.
 */
import { untrack } from 'svelte';
import type { ApiResult } from '../sync/api.ts';
import { LOCAL_WORKSPACE_ID, type ActiveWorkspace, type SessionState } from './session.svelte.ts';
import type { WatchBackground } from './errors.svelte.ts';
import { FirstScreenDraft } from './first-screen-draft.svelte.ts';
import { afterFirstScreen, isFirstScreenPending, releaseFirstScreen } from './first-screen.ts';
import type { WorkspaceSession } from './workspace-session.svelte.ts';

interface Slot {
	key: string;
	session: WorkspaceSession | null;
	failure: string | null;
	opening: Promise<WorkspaceSession | null>;
}

export class WorkspaceHost {
	#account: SessionState;
	#active = $state<Slot | null>(null);
	#local = $state<Slot | null>(null);
	#stop: (() => void) | null = null;
	#firstScreen = $state.raw<FirstScreenDraft | null>(null);
	#firstScreenTried = false;
	/** While a binding moves the local draft into the subject's workspace, the draft stays closed. */
	#binding = $state(false);

	#watch: WatchBackground | undefined;

	constructor(account: SessionState, options: { watch?: WatchBackground } = {}) {
		this.#account = account;
		this.#watch = options.watch;
	}

	/** Starts following the account (root layout, on mount); returns the stop function. */
	start(): () => void {
		// The session's code loads beside Dexie (session.svelte.ts), not after it.
		afterFirstScreen(() => void import('./workspace-session.svelte.ts').catch(() => undefined));
		this.#stop = $effect.root(() => {
			$effect(() => {
				if (!this.#account.hasSnapshot || this.#firstScreenTried) return;
				this.#firstScreenTried = true;
				untrack(() => this.#openFirstScreen(this.#account.activeWorkspace));
			});
			$effect(() => {
				if (!this.#account.isLoaded) return;
				const active = this.#account.activeWorkspace;
				const binding = this.#binding;
				const needsLocal = !binding && !this.#account.me?.subject;
				// Only the account is a dependency: the slots are read and written untracked.
				untrack(() => {
					this.#follow('active', binding && active.id === LOCAL_WORKSPACE_ID ? null : active);
					this.#follow('local', needsLocal ? localWorkspace(active) : null);
				});
			});
		});
		return () => this.stop();
	}

	stop(): void {
		this.#stop?.();
		this.#stop = null;
		for (const slot of [this.#active, this.#local]) slot?.session?.close();
		this.#active = this.#local = null;
		this.#dropFirstScreen();
	}

	/** The workspace the start page edits, once open. */
	get current(): WorkspaceSession | null {
		return this.#active?.session ?? null;
	}

	/**
	 * The start page's first screen: the active workspace's draft read before its session has
	 * opened (its subject shown and editable); null once the session is open, or off the start page.
	 */
	get firstScreen(): FirstScreenDraft | null {
		return this.#firstScreen;
	}

	/** Why the active workspace could not be opened (storage refused), or null. */
	get failure(): string | null {
		return this.#active?.failure ?? null;
	}

	/**
	 * The subject name to show for a bound subject: the workspace's own value when it is open
	 * (one source of truth, edited in the editor), else what the server recorded at binding.
	 */
	subjectNameOf(subject: { id: string; name: string }): string {
		const open = this.current;
		return open?.id === subject.id && open.subject.name.trim() !== '' ? open.subject.name : subject.name;
	}

	/** The device's local draft while the account has no subject (the binding form's workspace). */
	get localDraft(): WorkspaceSession | null {
		return this.#local?.session ?? null;
	}

	/**
	 * Binds the account's subject from the local draft (type, certificate, name as typed there),
	 * closes the draft, and lets the account move it into the subject's workspace.
	 */
	async bindSubject(): Promise<ApiResult<unknown> | null> {
		const draft = this.localDraft;
		if (!draft) return null;
		draft.subject.chooseDefaults();
		const subject = draft.subject.draft;
		const input = {
			subjectType: subject.type ?? 'enterprise',
			certificateType: subject.certificateType ?? 'uscc-certificate',
			certificateNumber: subject.certificateNumber.trim(),
			name: subject.name.trim()
		};
		try {
			return await this.#account.bindSubject(input, async () => {
				await draft.flushed();
				this.#binding = true;
				this.#release('local');
				if (this.#active?.key.startsWith(`${LOCAL_WORKSPACE_ID}|`)) this.#release('active');
			});
		} finally {
			this.#binding = false;
		}
	}

	#follow(which: 'active' | 'local', target: ActiveWorkspace | null): void {
		// A syncing workspace's key names the account: another account on the same subject opens
		// its own session, with its own vault for the photos. The local draft has no photos.
		const accountId = this.#account.me?.account.id ?? null;
		const key = target ? `${target.id}|${target.syncs}${target.syncs ? `|${accountId ?? ''}` : ''}` : '';
		const current = which === 'active' ? this.#active : this.#local;
		if ((current?.key ?? '') === key) return;
		this.#release(which);
		if (!target) return;
		// The local draft is the active workspace when no subject is bound: share one session.
		const other = which === 'local' ? this.#active : null;
		if (other && other.key === key) {
			this.#local = other;
			other.session?.subject.chooseDefaults();
			return;
		}
		const slot: Slot = $state({ key, session: null, failure: null, opening: Promise.resolve(null) });
		const firstScreen = () => (which === 'active' && this.#firstScreen?.id === target.id ? this.#firstScreen : null);
		const options = { db: this.#account.db, workspaceId: target.id, syncs: target.syncs, accountId, watch: this.#watch, firstScreen };
		slot.opening = import('./workspace-session.svelte.ts').then(({ WorkspaceSession }) => WorkspaceSession.open(options)).then(
			(session) => {
				if (this.#active !== slot && this.#local !== slot) {
					session.close();
					return null;
				}
				// The binding form shows the first choices: the draft holds them too, so the live
				// certificate rules run from the first keystroke.
				if (this.#local === slot) session.subject.chooseDefaults();
				slot.session = session;
				if (which === 'active') this.#dropFirstScreen();
				return session;
			},
			(error: unknown) => {
				slot.failure = error instanceof Error ? error.message : String(error);
				return null;
			}
		);
		if (which === 'active') this.#active = slot;
		else this.#local = slot;
	}

	/** Shows the active workspace's stored draft before its session opens (start page only). */
	#openFirstScreen(active: ActiveWorkspace): void {
		if (!isFirstScreenPending()) return;
		FirstScreenDraft.open(active.id).then(
			(draft) => {
				// Too late: the session is already opening, and it would not take this draft's edits.
				if (this.#active || !this.#stop) {
					draft.close();
					releaseFirstScreen();
					return;
				}
				if (active.id === LOCAL_WORKSPACE_ID) draft.subject.chooseDefaults();
				this.#firstScreen = draft;
			},
			() => releaseFirstScreen()
		);
	}

	#dropFirstScreen(): void {
		this.#firstScreen?.close();
		this.#firstScreen = null;
	}

	#release(which: 'active' | 'local'): void {
		const slot = which === 'active' ? this.#active : this.#local;
		if (!slot) return;
		if (which === 'active') this.#active = null;
		else this.#local = null;
		// Still held by the other slot (the local draft is the active workspace): keep it open.
		// A session still opening is closed by its own `then` once no slot holds it.
		if (this.#active !== slot && this.#local !== slot) slot.session?.close();
	}
}

function localWorkspace(active: ActiveWorkspace): ActiveWorkspace {
	return active.id === LOCAL_WORKSPACE_ID ? active : { id: LOCAL_WORKSPACE_ID, syncs: false, role: 'owner', subjectName: '', subjectType: null };
}
