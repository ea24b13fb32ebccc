/**
 * The access provider this server operates (its desk reviews the filings). PLACEHOLDER until the
 * orders work exposes the server's own provider (env, named by the server): the app fills this
 * constant into `access.provider`. Replace the constant with the server's answer then.
 */
import { m } from '../i18n/paraglide/messages.js';

export const ACCESS_PROVIDER = {
	/** The provider's code as stored in the order (placeholder). */
	code: 'beian-local',
	name: () => m.apply_provider_name()
} as const;
