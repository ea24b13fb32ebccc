/** Reads the mail the server wrote as `.eml` files (no SMTP_URL) under `<dataDir>/mail/`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token of the newest password-retrieval link mailed to `to` (quoted-printable decoded); throws when none. */
export function resetTokenMailedTo(dataDir: string, to: string): string {
	return new URL(resetLinkMailedTo(dataDir, to)).searchParams.get('token') ?? '';
}

/** The newest password-retrieval link mailed to `to`, whole (quoted-printable decoded); throws when none. */
export function resetLinkMailedTo(dataDir: string, to: string): string {
	const dir = join(dataDir, 'mail');
	const mails = existsSync(dir)
		? readdirSync(dir)
				.sort()
				.map((f) => readFileSync(join(dir, f), 'utf8'))
				.filter((m) => m.includes(`To: ${to}`))
		: [];
	const decoded = (mails.at(-1) ?? '').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	const link = /https?:\/\/[^\s]+\/account\/reset\?token=[A-Za-z0-9_-]+/.exec(decoded);
	if (!link) throw new Error(`no reset link mailed to ${to}`);
	return link[0];
}

/** Waits (polling, up to `timeoutMs`) for a password-retrieval link mailed to `to`; resolves with its token. */
export async function waitForResetToken(dataDir: string, to: string, timeoutMs = 10_000): Promise<string> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		try {
			return resetTokenMailedTo(dataDir, to);
		} catch (error) {
			if (Date.now() > until) throw error;
			await new Promise((done) => setTimeout(done, 200));
		}
	}
}
