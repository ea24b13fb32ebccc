/** SHA-256 of bytes as lowercase hex, with Web Crypto (browser and Node alike). */

export async function sha256Hex(bytes: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
	const digest = new Uint8Array(await subtle.digest('SHA-256', bytes.slice()));
	let hex = '';
	for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
