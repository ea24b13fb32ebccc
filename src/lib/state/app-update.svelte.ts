/**
 * The service worker's lifecycle as seen by the user: registers `/service-worker.js`, and when
 * a new version has installed behind the running one, says so. It never reloads by itself:
 * only `applyUpdate()` (the user's click) activates the new worker and then reloads.
 */
export class AppUpdateState {
	#waiting = $state<ServiceWorker | null>(null);
	#dismissed = $state(false);

	get isUpdateReady(): boolean {
		return this.#waiting !== null && !this.#dismissed;
	}

	/** Registers the worker; resolves once registration was attempted (errors are swallowed: the app works without it). */
	async register(scriptUrl = '/service-worker.js'): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		try {
			// `register` resolves to nothing where the browser is told to refuse workers (Playwright's block).
			const registration: ServiceWorkerRegistration | undefined = await navigator.serviceWorker.register(scriptUrl, { type: 'classic' });
			if (registration) this.#watch(registration);
		} catch (error) {
			console.warn('service worker registration failed', error);
		}
	}

	/** Activates the waiting worker, then reloads once it controls the page. */
	applyUpdate(): void {
		const waiting = this.#waiting;
		if (!waiting) return;
		navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
		waiting.postMessage({ type: 'skip-waiting' });
	}

	dismiss(): void {
		this.#dismissed = true;
	}

	#watch(registration: ServiceWorkerRegistration): void {
		// A worker already waiting when the page opened (installed during an earlier visit).
		if (registration.waiting && navigator.serviceWorker.controller) this.#waiting = registration.waiting;
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				// Only an update (a controller exists) is announced; the first install is silent.
				if (installing.state === 'installed' && navigator.serviceWorker.controller) {
					this.#waiting = installing;
					this.#dismissed = false;
				}
			});
		});
	}
}
