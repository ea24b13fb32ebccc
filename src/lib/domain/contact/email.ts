/**
 * E-mail addresses of persons in charge — domain-research §8.5 [I] (an RFC-light check) and §5.3
 * (notifications and rejection advice go there, so it must be a real mailbox).
 *
 * The local part is kept as typed (mailbox names may be case-sensitive); the domain is
 * lowercased and internationalised domains are converted to punycode.
 */
import { issue, resultOf, failure, type Result } from '../result.ts';
import { stripControlChars, toHalfWidthAscii } from '../text/normalize.ts';
import { toAsciiHostname } from '../domain-name/idna.ts';

export type EmailAddress = string & { readonly __brand: 'EmailAddress' };

export interface Email {
	/** `local@ascii-domain`. */
	readonly address: EmailAddress;
	readonly local: string;
	readonly domain: string;
	/** For comparing addresses of different people: the whole address lowercased. */
	readonly comparable: string;
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function isAsciiDomain(domain: string): boolean {
	if (domain.length > 253) return false;
	const labels = domain.split('.');
	return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1] ?? '');
}

/** Parses an e-mail address (MAIL-1). Never throws. */
export function parseEmail(input: unknown): Result<Email> {
	if (typeof input !== 'string' || input.length > 512) return failure([issue('MAIL-1', 'error')]);
	const s = toHalfWidthAscii(stripControlChars(input)).trim();
	const at = s.lastIndexOf('@');
	const local = s.slice(0, at);
	const domain = at > 0 ? toAsciiHostname(s.slice(at + 1).replace(/[。．｡]/g, '.').toLowerCase()) : undefined;
	if (at <= 0 || local.length > 64 || !LOCAL.test(local) || domain === undefined || !isAsciiDomain(domain)) {
		return failure([issue('MAIL-1', 'error')]);
	}
	const address = `${local}@${domain}` as EmailAddress;
	return resultOf({ address, local, domain, comparable: address.toLowerCase() }, []);
}
