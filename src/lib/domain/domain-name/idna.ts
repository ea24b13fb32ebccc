/**
 * Hostname conversion between Unicode and ASCII (IDNA, simplified): NFC + lowercase + the
 * ideographic full stops as dots, then punycode per label. Full UTS #46 mapping tables are
 * out of scope; labels with characters a registry would refuse fail later syntax checks.
 */
import { punycodeDecode, punycodeEncode } from './punycode.ts';

const ACE_PREFIX = 'xn--';

function isAscii(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
	return true;
}

/** Lowercase, NFC, with `。 ． ｡` read as dots and a trailing dot dropped. */
export function foldHostname(s: string): string {
	return s.normalize('NFC').replace(/[。．｡]/g, '.').toLowerCase().replace(/\.$/, '');
}

/** ASCII (punycode) form of a hostname, or `undefined` when a label cannot be encoded. */
export function toAsciiHostname(hostname: string): string | undefined {
	const labels = foldHostname(hostname).split('.');
	const out: string[] = [];
	for (const label of labels) {
		if (isAscii(label)) {
			out.push(label);
			continue;
		}
		const encoded = punycodeEncode(label);
		if (encoded === undefined) return undefined;
		out.push(ACE_PREFIX + encoded);
	}
	return out.join('.');
}

/** Unicode form of an ASCII hostname, or `undefined` when an `xn--` label does not decode. */
export function toUnicodeHostname(hostname: string): string | undefined {
	const out: string[] = [];
	for (const label of hostname.split('.')) {
		if (!label.startsWith(ACE_PREFIX)) {
			out.push(label);
			continue;
		}
		const decoded = punycodeDecode(label.slice(ACE_PREFIX.length));
		if (decoded === undefined || decoded === '' || isAscii(decoded)) return undefined;
		out.push(decoded.normalize('NFC').toLowerCase());
	}
	return out.join('.');
}
