/**
 * The app's one error funnel (STYLE.md §8). Every failure the app catches — an API failure
 * value, a thrown exception, a rejected promise nobody awaits — goes through `handle`, which
 * logs it, shows its localized text and returns that text. Shown either as a notice in the root
 * layout's live region (`role="status"`, the default) or inline by the caller (`show: 'inline'`,
 * e.g. a form's error next to its button), never both, so nothing is said twice.
 *
 * The root layout creates one funnel and provides it; routes take it with `useErrors()`.
 *
 * The texts of the API's error codes (`i18n/api-errors.ts`, every code in both languages) load
 * after the first screen is usable (`afterFirstScreen`): a failure before that is shown as a
 * notice once they are there (an inline caller gets the generic text then; `loadApiErrorTexts`).
 */
import { getContext, setContext } from 'svelte';
import { z } from 'zod/mini';
import { m } from '../i18n/paraglide/messages.js';
import { afterFirstScreen } from './first-screen.ts';

type DescribeApiError = typeof import('../i18n/api-errors.ts').describeApiError;
let describeApiError: DescribeApiError | null = null;
let loadingTexts: Promise<DescribeApiError> | null = null;

/** Loads the API error texts (once; the funnel asks for them after the first screen). */
export function loadApiErrorTexts(): Promise<DescribeApiError> {
	loadingTexts ??= import('../i18n/api-errors.ts').then(
		(module) => (describeApiError = module.describeApiError),
		(error: unknown) => {
			loadingTexts = null;
			throw error;
		}
	);
	return loadingTexts;
}

export interface Notice {
	readonly id: number;
	readonly text: string;
}

/** Where the funnel writes what went wrong (the console by default; tests pass their own). */
export type ErrorLog = (level: 'warn' | 'error', context: string, fields: Record<string, unknown>) => void;

export interface HandleOptions {
	/** `notice` (default): also shown in the live region; `inline`: the caller shows the returned text. */
	show?: 'notice' | 'inline';
}

/** At most this many notices at once; the oldest goes first. */
const MAX_NOTICES = 3;

const consoleLog: ErrorLog = (level, context, fields) => console[level](`[beian] ${context}`, fields);

/** What state classes get to hand a promise nobody awaits to the funnel (`ErrorFunnel.watch`). */
export type WatchBackground = (promise: Promise<unknown>, context: string) => void;

/** For state built outside a page (tests, or before the funnel exists): logs the rejection. */
export const logBackground: WatchBackground = (promise, context) => {
	promise.catch((error: unknown) => console.error(`[beian] ${context}`, error));
};

export class ErrorFunnel {
	#notices = $state<readonly Notice[]>([]);
	#nextId = 1;
	#log: ErrorLog;

	constructor(options: { log?: ErrorLog } = {}) {
		this.#log = options.log ?? consoleLog;
		afterFirstScreen(() => void loadApiErrorTexts().catch((error: unknown) => this.#log('error', 'errors.loadTexts', { error })));
	}

	/** The notices on screen, oldest first. */
	get notices(): readonly Notice[] {
		return this.#notices;
	}

	/**
	 * Logs `error` under `context` (what the app was doing, e.g. `members.remove`), shows its
	 * localized text unless `show: 'inline'`, and returns the text. `error` may be an API
	 * failure (`{ ok: false, error: code }`) or anything thrown.
	 */
	handle(error: unknown, context: string, options: HandleOptions = {}): string {
		const failure = asFailure(error);
		const describe = describeApiError;
		const text = failure ? (describe ? describe(failure) : m.error_unexpected()) : describeThrown(error);
		if (failure) this.#log('warn', context, { ...failure });
		else this.#log('error', context, { error });
		if ((options.show ?? 'notice') !== 'notice') return text;
		if (failure && !describe) {
			loadApiErrorTexts().then(
				(texts) => this.#show(texts(failure)),
				() => this.#show(text)
			);
		} else this.#show(text);
		return text;
	}

	/** For a promise nobody awaits (background work, event handlers): a rejection goes through `handle`. */
	watch(promise: Promise<unknown>, context: string): void {
		promise.catch((error: unknown) => {
			this.handle(error, context);
		});
	}

	dismiss(id: number): void {
		this.#notices = this.#notices.filter((notice) => notice.id !== id);
	}

	#show(text: string): void {
		// The same text again (a retry that failed the same way) moves to the end instead of piling up.
		const others = this.#notices.filter((notice) => notice.text !== text);
		this.#notices = [...others, { id: this.#nextId++, text }].slice(-MAX_NOTICES);
	}
}

/** An API failure value (`ApiFailure` of `sync/api.ts`; its code may be one this version does not know). */
const FailureSchema = z.object({
	ok: z.literal(false),
	error: z.string(),
	status: z.optional(z.number()),
	retryAfterSeconds: z.optional(z.number()),
	unknownCode: z.optional(z.string()),
	details: z.optional(z.unknown())
});

function asFailure(error: unknown): z.infer<typeof FailureSchema> | null {
	const parsed = FailureSchema.safeParse(error);
	return parsed.success ? parsed.data : null;
}

function describeThrown(error: unknown): string {
	// IndexedDB full (Dexie keeps the DOMException's name, or wraps it as `inner`).
	const name = error instanceof Error ? error.name : '';
	const inner = error instanceof Error && 'inner' in error && error.inner instanceof Error ? error.inner.name : '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return m.vault_storage_full();
	return m.error_unexpected();
}

const ERRORS = Symbol('errors');

export function provideErrors(funnel: ErrorFunnel): void {
	setContext(ERRORS, funnel);
}

export function useErrors(): ErrorFunnel {
	const funnel = getContext<ErrorFunnel | undefined>(ERRORS);
	if (!funnel) throw new Error('useErrors() outside the root layout');
	return funnel;
}
