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
	const signatures = { jpeg: [0xff, 0xd8, 0xff], png: [0x89, 0x50, 0x4e, 0x47] } as const;
	const base64Signatures = { jpeg: '/9j/', png: 'iVBORw0KGgo' } as const;
	const report: ScanReport = { stores: [], hits: [] };

	const contains = (bytes: Uint8Array, needle: readonly number[]): boolean => {
		outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
			for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
			return true;
		}
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
				for (const kind of ['jpeg', 'png'] as const) if (contains(bytes, signatures[kind])) found.add(kind);
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
