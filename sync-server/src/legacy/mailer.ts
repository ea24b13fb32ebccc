/**
 * Outgoing mail (password retrieval). With `SMTP_URL` set, messages go out over SMTP through
 * nodemailer; without it (the embedded default) each message is written as an `.eml` file
 * under `<data>/mail/` and its path is logged, so a newcomer can open it and follow the link.
 * nodemailer (~20 MB of heap once loaded) is imported on the first message, not at start: most
 * processes never send one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Transporter } from 'nodemailer';
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

type NodemailerModule = (typeof import('nodemailer'))['default'];

/** A transport made on first use (the import included), then reused. */
function lazyTransport(create: (nodemailer: NodemailerModule) => Transporter): () => Promise<Transporter> {
	let transport: Promise<Transporter> | null = null;
	return () => {
		transport ??= import('nodemailer').then((module) => create(module.default));
		return transport;
	};
}

export function createMailer(options: MailerOptions): Mailer {
	const { smtpUrl, mailDir, from, logger } = options;
	if (smtpUrl) {
		const transport = lazyTransport((nodemailer) => nodemailer.createTransport(smtpUrl));
		return {
			async send(message) {
				await (await transport()).sendMail({ from, ...message });
				logger.log('info', 'mail sent', { subject: message.subject });
			}
		};
	}
	const transport = lazyTransport((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }));
	return {
		async send(message) {
			const info = await (await transport()).sendMail({ from, ...message, textEncoding: 'quoted-printable' });
			mkdirSync(mailDir, { recursive: true });
			const path = join(mailDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
			writeFileSync(path, info.message as Buffer, { mode: 0o600 });
			logger.log('info', 'mail written (no SMTP_URL)', { path, subject: message.subject });
		}
	};
}
