/**
 * A test page for the device vault over real IndexedDB and WebCrypto in Chromium, built by
 * Vite and served by the real server (see `../capture-harness/build.ts`). `window.__vault`
 * lets the e2e tests and the benchmark run the real storage code:
 *
 * - `storeUnencrypted`: the IndexedDB scan's control. It stores photos through the real
 *   `createLocalBlobs` with a vault that does not encrypt — defined here, in test code only: the
 *   app has no such vault and no switch to build one, so encryption cannot be turned off in the
 *   app's build. Same table, same row shape: what the scan must find if the app stored plaintext.
 * - `roundTrip`, `wrongKey`, `migrate`: seal/open, refusals, and the v2 → v4 migration.
 * - `benchPut`: time to encrypt and store one photo.
 */
import { Dexie } from 'dexie';
import yDexie from 'y-dexie';
import { createLocalBlobs, openAccountVault, SealedBlobRowSchema } from '../../../src/lib/storage/blobs.ts';
import { createDb, type BeianDb } from '../../../src/lib/storage/db.ts';
import { aesGcmVault, createVaultKey, openVault, type Vault } from '../../../src/lib/storage/vault.ts';
import { sha256Hex } from '../../../src/lib/sync/transfers/sha256.ts';
import type { VaultHarness, Photo } from './window.d.ts';

function fromBase64(text: string): Uint8Array {
	return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
	return a !== undefined && a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** The control only: "seals" by copying. */
function unencryptedVault(accountId: string): Vault {
	return {
		accountId,
		seal: async (plain) => ({ iv: new Uint8Array(12), data: plain.slice() }),
		open: async ({ data }) => data.slice()
	};
}

async function putAll(db: BeianDb, vault: Vault, photos: readonly Photo[]): Promise<{ sha256: string; bytes: Uint8Array }[]> {
	const blobs = createLocalBlobs(db, vault);
	const stored = [];
	for (const photo of photos) {
		const bytes = fromBase64(photo.base64);
		const sha256 = await sha256Hex(bytes);
		await blobs.put({ sha256, bytes, mime: photo.mime });
		stored.push({ sha256, bytes });
	}
	return stored;
}

/** The schema as versions 1–3 published it (before the vault): what a device upgrading from them has. */
function publishedV3(name: string): Dexie {
	const db = new Dexie(name, { addons: [yDexie] });
	db.version(1).stores({ workspaces: 'id, createdAt, doc: Y.Doc' });
	db.version(2).stores({ blobs: 'sha256', transfers: 'id, direction, sha256, updatedAt' });
	db.version(3).stores({ deviceAccounts: 'accountId, current, updatedAt' });
	return db;
}

const harness: VaultHarness = {
	async storeUnencrypted(photos) {
		const db = createDb('beian-control');
		await putAll(db, unencryptedVault('control-account'), photos);
		db.close();
	},

	async roundTrip(photos) {
		const db = createDb('beian-vault-test');
		const vault = await openAccountVault(db, 'account-a');
		const stored = await putAll(db, vault, photos);
		const blobs = createLocalBlobs(db, await openVault(db, 'account-a'));
		let readable = 0;
		for (const { sha256, bytes } of stored) if (same((await blobs.get(sha256))?.bytes, bytes)) readable++;
		const rows = await db.sealedBlobs.toArray();
		const ivs = new Set(rows.map((r) => Array.from(r.iv).join(',')));
		db.close();
		return { stored: stored.length, readable, rows: rows.length, distinctIvs: ivs.size, ciphertextDiffers: rows.every((r) => !same(stored.find((s) => s.sha256 === r.sha256)?.bytes, r.data.subarray(0, r.size))) };
	},

	async wrongKey(photo) {
		const db = createDb('beian-wrong-key');
		const vault = await openVault(db, 'account-a');
		const [stored] = await putAll(db, vault, [photo]);
		if (!stored) throw new Error('nothing stored');
		const otherKey = aesGcmVault('account-a', await createVaultKey());
		const withOtherKey = await createLocalBlobs(db, otherKey).get(stored.sha256);
		// The same row moved under another account (same key even): the bound account does not match.
		const row = SealedBlobRowSchema.parse(await db.sealedBlobs.get(['account-a', stored.sha256]));
		await db.sealedBlobs.put({ ...row, accountId: 'account-b' });
		const { key } = (await db.vaultKeys.get('account-a'))!;
		const moved = await createLocalBlobs(db, aesGcmVault('account-b', key)).get(stored.sha256);
		// One byte of the ciphertext altered.
		const data = row.data.slice();
		data[10] = (data[10] ?? 0) ^ 1;
		await db.sealedBlobs.put({ ...row, data });
		const altered = await createLocalBlobs(db, vault).get(stored.sha256);
		await db.sealedBlobs.put(row);
		const intact = same((await createLocalBlobs(db, vault).get(stored.sha256))?.bytes, stored.bytes);
		let exportRefused = false;
		await crypto.subtle.exportKey('raw', key).catch(() => (exportRefused = true));
		db.close();
		return { withOtherKey: withOtherKey === null, moved: moved === null, altered: altered === null, intact, exportRefused, extractable: key.extractable };
	},

	async migrate(photos) {
		const name = 'beian-migrate';
		const old = publishedV3(name);
		const plain = [];
		for (const photo of photos) {
			const bytes = fromBase64(photo.base64);
			const sha256 = await sha256Hex(bytes);
			await old.table('blobs').put({ sha256, bytes, mime: photo.mime, size: bytes.byteLength, storedAt: 1 });
			plain.push({ sha256, bytes });
		}
		await old.table('blobs').put({ sha256: 'not-a-hash', bytes: 'garbage' });
		for (const accountId of ['account-a', 'account-b']) {
			await old.table('deviceAccounts').put({ accountId, email: `${accountId}@example.com`, me: {}, current: accountId === 'account-a' ? 1 : 0, updatedAt: 1 });
		}
		old.close();
		const db = createDb(name);
		const vaultA = await openAccountVault(db, 'account-a');
		const legacyLeft = await db.blobs.count();
		const rows = await db.sealedBlobs.toArray();
		const readable: Record<string, number> = {};
		for (const vault of [vaultA, await openVault(db, 'account-b')]) {
			const blobs = createLocalBlobs(db, vault);
			readable[vault.accountId] = 0;
			for (const { sha256, bytes } of plain) if (same((await blobs.get(sha256))?.bytes, bytes)) readable[vault.accountId]!++;
		}
		db.close();
		return { legacyLeft, sealedRows: rows.length, accounts: [...new Set(rows.map((r) => r.accountId))].sort(), readable, version: db.verno };
	},

	async benchPut(photo, runs) {
		const db = createDb('beian-bench');
		const blobs = createLocalBlobs(db, await openVault(db, 'bench-account'));
		const bytes = fromBase64(photo.base64);
		const times: number[] = [];
		for (let i = 0; i < runs; i++) {
			// A distinct hash per run: every put is a new row, as a new photo is.
			const copy = bytes.slice();
			copy[copy.length - 1] = i & 0xff;
			copy[copy.length - 2] = (i >> 8) & 0xff;
			const sha256 = await sha256Hex(copy);
			const start = performance.now();
			await blobs.put({ sha256, bytes: copy, mime: photo.mime });
			times.push(performance.now() - start);
		}
		db.close();
		return times;
	}
};

window.__vault = harness;
document.body.dataset.ready = 'true';
