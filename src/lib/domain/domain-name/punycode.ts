/**
 * Punycode (RFC 3492) encode/decode of a single label, without Node's `punycode` or the URL
 * global (the domain core must run anywhere). Both return `undefined` instead of throwing on
 * input they cannot handle (overflow, invalid digits).
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
	let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
	d += Math.floor(d / numPoints);
	let k = 0;
	while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
		d = Math.floor(d / (BASE - T_MIN));
		k += BASE;
	}
	return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitToChar(d: number): string {
	return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

function charToDigit(code: number): number {
	if (code >= 48 && code <= 57) return code - 22;
	if (code >= 65 && code <= 90) return code - 65;
	if (code >= 97 && code <= 122) return code - 97;
	return BASE;
}

function threshold(k: number, bias: number): number {
	return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

/** Encodes the variable-length integer `q` starting at bias `bias`. */
function encodeInteger(q: number, bias: number): string {
	let out = '';
	for (let k = BASE; ; k += BASE) {
		const t = threshold(k, bias);
		if (q < t) return out + digitToChar(q);
		out += digitToChar(t + ((q - t) % (BASE - t)));
		q = Math.floor((q - t) / (BASE - t));
	}
}

/** Punycode of one label's code points (without the `xn--` prefix). */
export function punycodeEncode(label: string): string | undefined {
	const cps = Array.from(label, (c) => c.codePointAt(0) ?? 0);
	const basic = cps.filter((c) => c < 0x80);
	let out = String.fromCharCode(...basic);
	let h = basic.length;
	if (h > 0) out += '-';
	let n = INITIAL_N;
	let delta = 0;
	let bias = INITIAL_BIAS;
	while (h < cps.length) {
		const m = Math.min(...cps.filter((c) => c >= n));
		if (m - n > Math.floor((MAX_INT - delta) / (h + 1))) return undefined;
		delta += (m - n) * (h + 1);
		n = m;
		for (const c of cps) {
			if (c < n) delta++;
			if (c !== n) continue;
			out += encodeInteger(delta, bias);
			bias = adapt(delta, h + 1, h === basic.length);
			delta = 0;
			h++;
		}
		delta++;
		n++;
	}
	return out;
}

/** Decodes one punycode label (without the `xn--` prefix) to Unicode. */
export function punycodeDecode(input: string): string | undefined {
	const cut = input.lastIndexOf('-');
	const output = cut > 0 ? Array.from(input.slice(0, cut), (c) => c.charCodeAt(0)) : [];
	if (output.some((c) => c >= 0x80)) return undefined;
	let i = 0;
	let n = INITIAL_N;
	let bias = INITIAL_BIAS;
	for (let pos = cut > 0 ? cut + 1 : 0; pos < input.length; ) {
		const oldi = i;
		let w = 1;
		for (let k = BASE; ; k += BASE) {
			if (pos >= input.length) return undefined;
			const digit = charToDigit(input.charCodeAt(pos++));
			if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) return undefined;
			i += digit * w;
			const t = threshold(k, bias);
			if (digit < t) break;
			if (w > Math.floor(MAX_INT / (BASE - t))) return undefined;
			w *= BASE - t;
		}
		const len = output.length + 1;
		bias = adapt(i - oldi, len, oldi === 0);
		if (Math.floor(i / len) > MAX_INT - n) return undefined;
		n += Math.floor(i / len);
		i %= len;
		if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
		output.splice(i++, 0, n);
	}
	return String.fromCodePoint(...output);
}
