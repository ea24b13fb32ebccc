/**
 * The UI language: zh-CN unless the person chose English on this device (Paraglide strategy
 * `localStorage baseLocale`, see the `i18n` script — the browser's language is not consulted,
 * the product is Chinese-first). Paraglide's message functions read the
 * locale through `getLocale()`, which we point at this rune, so every template that renders a
 * message re-renders when the language changes — without a page reload.
 */
import { baseLocale, getLocale, isLocale, locales, overwriteGetLocale, setLocale, type Locale } from '../i18n/paraglide/runtime.js';

export class LocaleState {
	#current = $state<Locale>(baseLocale);

	constructor() {
		this.#current = getLocale();
		overwriteGetLocale(() => this.#current);
	}

	get current(): Locale {
		return this.#current;
	}

	readonly available: readonly Locale[] = locales;

	/** Switches the language, updates `<html lang>`, and remembers it on this device (rejects when that fails). */
	async switchTo(locale: string): Promise<void> {
		if (!isLocale(locale) || locale === this.#current) return;
		this.#current = locale;
		document.documentElement.lang = locale;
		await setLocale(locale, { reload: false });
	}
}
