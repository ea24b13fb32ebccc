/**
 * Closes a sync socket at once when its session expires (not only when it is revoked): a timer
 * at the session's end looks the session up again — another request may have renewed it (the
 * lifetime slides) — and either closes the socket with 4401 or waits for the new end.
 */
import { CLOSE } from '../../../src/lib/sync/protocol.ts';
import type { Access } from '../access/access.ts';
import type { Logger } from '../log.ts';

/** Node timers hold at most 2^31 − 1 ms; a later end is checked at that distance. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ExpiryWatch {
	stop(): void;
}

export function watchSessionExpiry(options: {
	access: Access;
	sessionId: string;
	expiresAt: number | null;
	logger: Logger;
	close: (code: number, reason: string) => void;
	now?: () => number;
}): ExpiryWatch {
	const { access, sessionId, logger, close } = options;
	const now = options.now ?? Date.now;
	let timer: NodeJS.Timeout | null = null;
	let stopped = false;
	const arm = (expiresAt: number) => {
		if (stopped) return;
		timer = setTimeout(check, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - now()) + 5)).unref();
	};
	const check = () => {
		timer = null;
		if (!access.sessionExpiresAt) return close(CLOSE.unauthenticated, 'session expired');
		access.sessionExpiresAt(sessionId).then(
			(expiresAt) => {
				if (stopped) return;
				if (expiresAt === null || expiresAt <= now()) return close(CLOSE.unauthenticated, 'session expired');
				arm(expiresAt);
			},
			(error: unknown) => {
				logger.log('warn', 'session expiry check failed', { error: String(error) });
				if (!stopped) arm(now() + 60_000);
			}
		);
	};
	if (options.expiresAt !== null) arm(options.expiresAt);
	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
		}
	};
}
