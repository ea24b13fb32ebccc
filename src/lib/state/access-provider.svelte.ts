/**
 * The access provider this server operates (its desk reviews the filings, ORDER-4): named by the
 * server (`GET /api/provider`, `ACCESS_PROVIDER_NAME`), remembered on the device so it is filled
 * in offline too. Before the device has ever asked, the server's documented default stands in.
 */
import { ProviderResponseSchema } from '../domain/order/order-wire.ts';

/** The server's default `ACCESS_PROVIDER_NAME` (README), until the server has been asked once. */
export const DEFAULT_ACCESS_PROVIDER = '备案助手示例接入服务';
const KEY = 'beian.accessProvider';

function remembered(): string | null {
	try {
		const parsed = ProviderResponseSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.data.name : null;
	} catch {
		return null;
	}
}

class AccessProviderState {
	#name = $state<string | null>(null);
	#asked: Promise<void> | null = null;

	/** The provider's name: as the server said, else as remembered, else the default. */
	get name(): string {
		return this.#name ?? DEFAULT_ACCESS_PROVIDER;
	}

	/** Asks the server once per page load (offline: keeps what this device remembers). */
	refresh(): Promise<void> {
		this.#name ??= remembered();
		this.#asked ??= fetch('/api/provider', { credentials: 'same-origin' }).then(
			async (response) => {
				if (!response.ok) return;
				const parsed = ProviderResponseSchema.safeParse(await response.json());
				if (!parsed.success) return;
				this.#name = parsed.data.name;
				localStorage.setItem(KEY, JSON.stringify(parsed.data));
			},
			() => undefined // offline: the remembered name stays
		);
		return this.#asked;
	}
}

export const accessProvider = new AccessProviderState();
