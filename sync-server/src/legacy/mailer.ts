/**
 * Outgoing mail (password retrieval). With `SMTP_URL` set, messages go out over SMTP through
 * nodemailer; without it (the embedded default) each message is written as an `.eml` file
 * under `<data>/mail/` and its path is logged, so a newcomer can open it and follow the link.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';

export interface MailMessage {
	readonly to: string;
	readonly subject: string;
	readonly text: string;
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

export interface MailerOptions {
	/** `smtp://user:pass@host:587` or `smtps://…`; null writes `.eml` files into `mailDir`. */
	readonly smtpUrl: string | null;
	readonly mailDir: string;
	readonly from: string;
	readonly logger: Logger;
}

export const DEFAULT_MAIL_FROM = 'Beian <no-reply@beian.invalid>';

export function createMailer(options: MailerOptions): Mailer {
	const { smtpUrl, mailDir, from, logger } = options;
	if (smtpUrl) {
		const transport = nodemailer.createTransport(smtpUrl);
		return {
			async send(message) {
				await transport.sendMail({ from, ...message });
				logger.log('info', 'mail sent', { subject: message.subject });
			}
		};
	}
	const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		async send(message) {
			const info = await transport.sendMail({ from, ...message, textEncoding: 'quoted-printable' });
			mkdirSync(mailDir, { recursive: true });
			const path = join(mailDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
			writeFileSync(path, info.message as Buffer, { mode: 0o600 });
			logger.log('info', 'mail written (no SMTP_URL)', { path, subject: message.subject });
		}
	};
}
