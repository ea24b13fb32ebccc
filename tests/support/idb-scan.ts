/**
 * Scans every IndexedDB database and object store of the page's origin for plaintext image
 * headers: JPEG `FF D8 FF` and PNG `89 50 4E 47`, anywhere in any binary value (ArrayBuffer,
 * typed array, Blob), in keys as well as values, nested at any depth — and in strings, as raw
 * bytes or base64 (`/9j/`, `iVBORw0KGgo`). Run in the page: `page.evaluate(scanIndexedDb)`
 * (self-contained on purpose: no imports, no closures). The report also says how many rows and
 * binary bytes each store had, so an empty scan can be told from a scan that found nothing.
 */
export interface ScanHit {
	db: string;
	store: string;
	signature: 'jpeg' | 'png';
}

export interface ScanReport {
	stores: { db: string; store: string; rows: number; binaryBytes: number }[];
	hits: ScanHit[];
}

export async function scanIndexedDb(): Promise<ScanReport> {
	// What a stored file starts with: at the start of a value any `FF D8 FF` / PNG magic counts; inside
	// one (a file embedded in a larger record), only a whole header does — JPEG's SOI with a JFIF or
	// Exif APP segment or a quantisation table, PNG's full 8-byte signature — as three random bytes of
	// ciphertext match `FF D8 FF` about once in 16 million positions.
	const signatures = { jpeg: [0xff, 0xd8, 0xff], png: [0x89, 0x50, 0x4e, 0x47] } as const;
	const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
	const jfif = [0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00];
	const startsWith = (bytes: Uint8Array, needle: readonly number[], at = 0): boolean => needle.every((b, j) => bytes[at + j] === b);
	const jpegAt = (bytes: Uint8Array, i: number): boolean => {
		if (!startsWith(bytes, signatures.jpeg, i)) return false;
		const m = i + 3;
		if (startsWith(bytes, jfif, m)) return true;
		if (bytes[m] === 0xe1 && startsWith(bytes, [0x45, 0x78, 0x69, 0x66, 0x00, 0x00], m + 3)) return true;
		return bytes[m] === 0xdb && bytes[m + 1] === 0x00 && (bytes[m + 2] === 0x43 || bytes[m + 2] === 0x84);
	};
	const base64Signatures = { jpeg: '/9j/', png: 'iVBORw0KGgo' } as const;
	const report: ScanReport = { stores: [], hits: [] };

	const contains = (bytes: Uint8Array, kind: 'jpeg' | 'png'): boolean => {
		if (startsWith(bytes, signatures[kind])) return true;
		for (let i = 0; i + 3 <= bytes.length; i++) if (kind === 'jpeg' ? jpegAt(bytes, i) : startsWith(bytes, pngSignature, i)) return true;
		return false;
	};
	const request = <T>(r: IDBRequest<T>): Promise<T> =>
		new Promise((resolve, reject) => {
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});

	for (const info of await indexedDB.databases()) {
		if (!info.name) continue;
		const open = indexedDB.open(info.name);
		const db = await request(open);
		for (const storeName of Array.from(db.objectStoreNames)) {
			const found = new Set<'jpeg' | 'png'>();
			const stat = { db: db.name, store: storeName, rows: 0, binaryBytes: 0 };
			const blobs: Blob[] = [];
			const checkBytes = (bytes: Uint8Array) => {
				stat.binaryBytes += bytes.byteLength;
				for (const kind of ['jpeg', 'png'] as const) if (contains(bytes, kind)) found.add(kind);
			};
			const visit = (value: unknown, depth: number): void => {
				if (depth > 32 || value === null || value === undefined) return;
				if (value instanceof ArrayBuffer) return checkBytes(new Uint8Array(value));
				if (ArrayBuffer.isView(value)) return checkBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
				if (value instanceof Blob) return void blobs.push(value);
				if (typeof value === 'string') {
					for (const kind of ['jpeg', 'png'] as const) if (value.includes(base64Signatures[kind])) found.add(kind);
					checkBytes(Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff));
					return;
				}
				if (typeof value !== 'object') return;
				if (value instanceof Map) return value.forEach((v, k) => (visit(k, depth + 1), visit(v, depth + 1)));
				if (value instanceof Set || Array.isArray(value)) return void [...value].forEach((v) => visit(v, depth + 1));
				if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return;
				for (const v of Object.values(value)) visit(v, depth + 1);
			};
			await new Promise<void>((resolve, reject) => {
				const cursor = db.transaction(storeName, 'readonly').objectStore(storeName).openCursor();
				cursor.onerror = () => reject(cursor.error);
				cursor.onsuccess = () => {
					const at = cursor.result;
					if (!at) return resolve();
					stat.rows++;
					visit(at.key, 0);
					visit(at.value, 0);
					at.continue();
				};
			});
			for (const blob of blobs) checkBytes(new Uint8Array(await blob.arrayBuffer()));
			report.stores.push(stat);
			for (const signature of found) report.hits.push({ db: db.name, store: storeName, signature });
		}
		db.close();
	}
	return report;
}
