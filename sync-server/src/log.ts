/** Structured logging: one JSON object per line on stdout (stderr for errors). */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
	log(level: LogLevel, msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that writes JSON lines at or above `minLevel`. */
export function createJsonLogger(minLevel: LogLevel = 'info'): Logger {
	return {
		log(level, msg, fields = {}) {
			if (RANK[level] < RANK[minLevel]) return;
			const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
			(level === 'error' ? process.stderr : process.stdout).write(line + '\n');
		}
	};
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { log() {} };
