/**
 * Valid JPEG, PNG and PDF files built in the test, of an exact size when asked, with `seed`
 * making distinct contents (distinct SHA-256). Real structures: a PNG with CRCs and a
 * deflated IDAT, a baseline JPEG (quantisation and Huffman tables, one grey 8×8 block per
 * MCU), a PDF whose `startxref` and xref table point at its objects.
 */
import { crc32, deflateSync } from 'node:zlib';

/** A deterministic byte pattern (never 0xFF, so it cannot fake a JPEG marker). */
function pattern(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	let state = (seed * 2654435761) >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		bytes[i] = (state >>> 16) % 255;
	}
	return bytes;
}

export function pngChunk(type: string, data: Uint8Array = new Uint8Array(0)): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
	return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Smallest size `png({ size })` can make. */
export const MIN_PNG_BYTES = 100;

/** A real RGB PNG (width × height); `size` pads it to exactly that many bytes with a private ancillary chunk. */
export function png(options: { width?: number; height?: number; seed?: number; size?: number } = {}): Buffer {
	const { width = 4, height = 4, seed = 1, size } = options;
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc((width * 3 + 1) * height);
	pattern(rows.length, seed).copy(rows);
	for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0; // filter type None
	const parts = [PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows))];
	const end = pngChunk('IEND');
	if (size !== undefined) {
		const used = parts.reduce((sum, part) => sum + part.length, 0) + end.length + 12;
		if (size < used || size < MIN_PNG_BYTES) throw new Error(`png(): ${size} bytes is too small (needs ${Math.max(used, MIN_PNG_BYTES)})`);
		parts.push(pngChunk('beAn', pattern(size - used, seed + 7)));
	}
	return Buffer.concat([...parts, end]);
}

function segment(marker: number, body: Uint8Array): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([head, body]);
}

/** Smallest size `jpeg({ size })` can make. */
export const MIN_JPEG_BYTES = 200;

/**
 * A real baseline greyscale JPEG of 8·blocks × 8 pixels, every block flat grey: Huffman tables
 * with one code each (DC difference 0, AC end-of-block), so each block is the bits `00`.
 * `size` pads it with COM segments; `app` adds segments (e.g. an MPF APP2) after APP0.
 */
export function jpeg(options: { blocks?: number; seed?: number; size?: number; app?: Buffer[] } = {}): Buffer {
	const { blocks = 4, seed = 1, size, app = [] } = options;
	const jfif = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
	const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
	const sof = segment(0xc0, Buffer.from([8, 0, 8, (blocks * 8) >> 8, (blocks * 8) & 0xff, 1, 1, 0x11, 0]));
	const table = (klass: number, symbol: number) => Buffer.concat([Buffer.from([klass << 4]), Buffer.from([1, ...new Array<number>(15).fill(0)]), Buffer.from([symbol])]);
	const dht = segment(0xc4, Buffer.concat([table(0, 0), table(1, 0)]));
	const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
	const scan = Buffer.alloc(Math.ceil((blocks * 2) / 8), 0);
	const bits = blocks * 2;
	if (bits % 8 !== 0) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1; // pad with 1 bits
	const head = [Buffer.from([0xff, 0xd8]), jfif, ...app];
	const rest = [dqt, sof, dht, sos, scan, Buffer.from([0xff, 0xd9])];
	const used = [...head, ...rest].reduce((sum, part) => sum + part.length, 0);
	const filler: Buffer[] = [];
	if (size !== undefined) {
		if (size < Math.max(used + 4, MIN_JPEG_BYTES)) throw new Error(`jpeg(): ${size} bytes is too small`);
		let left = size - used;
		let n = 0;
		while (left > 0) {
			// Each COM costs 4 + 0…65,533 bytes; never leave a remainder of 1–3 bytes.
			let cost = Math.min(left, 65_537);
			if (left - cost > 0 && left - cost < 4) cost = left - 4;
			filler.push(segment(0xfe, pattern(cost - 4, seed + n++)));
			left -= cost;
		}
	} else filler.push(segment(0xfe, pattern(16, seed)));
	return Buffer.concat([...head, ...filler, ...rest]);
}

/** An APP2 segment body carrying the MPF tag (what marks a multi-picture JPEG). */
export function mpfSegment(): Buffer {
	return segment(0xe2, Buffer.concat([Buffer.from('MPF\0', 'latin1'), Buffer.from('MM\0\x2a\0\0\0\x08\0\0', 'latin1')]));
}

/** A one-page PDF with a correct xref table and `startxref`; `size` pads it with a comment line. */
export function pdf(options: { seed?: number; size?: number; version?: string } = {}): Buffer {
	const { seed = 1, size, version = '1.7' } = options;
	const build = (padding: number) => {
		const objects = [
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${200 + seed} 200] >>`
		];
		let body = `%PDF-${version}\n%\xe2\xe3\xcf\xd3\n%${'x'.repeat(padding)}\n`;
		const offsets: number[] = [];
		objects.forEach((object, i) => {
			offsets.push(Buffer.byteLength(body, 'latin1'));
			body += `${i + 1} 0 obj\n${object}\nendobj\n`;
		});
		const xref = Buffer.byteLength(body, 'latin1');
		body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
		for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
		body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
		return Buffer.from(body, 'latin1');
	};
	const plain = build(0);
	if (size === undefined) return plain;
	if (size < plain.length) throw new Error(`pdf(): ${size} bytes is too small`);
	// The startxref number may grow a digit with the padding: settle in a few rounds.
	let padding = size - plain.length;
	for (let round = 0; round < 4; round++) {
		const padded = build(padding);
		if (padded.length === size) return padded;
		padding -= padded.length - size;
	}
	throw new Error(`pdf(): cannot make exactly ${size} bytes`);
}

/** HTML, as a polyglot would append it. */
export function html(length = 4096): Buffer {
	const page = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
	return Buffer.from(page.repeat(Math.ceil(length / page.length)).slice(0, length));
}

/** A ZIP's local header and end-of-central-directory record, padded to `length`. */
export function zip(length = 4096): Buffer {
	const bytes = Buffer.alloc(length);
	bytes.write('PK\x03\x04', 0, 'latin1');
	bytes.write('PK\x05\x06', length - 22, 'latin1');
	return bytes;
}
