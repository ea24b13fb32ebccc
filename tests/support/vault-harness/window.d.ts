/** What the vault harness page exposes to the tests (`window.__vault`, see harness.ts). */
export interface Photo {
	base64: string;
	mime: string;
}

export interface VaultHarness {
	storeUnencrypted(photos: readonly Photo[]): Promise<void>;
	roundTrip(photos: readonly Photo[]): Promise<{ stored: number; readable: number; rows: number; distinctIvs: number; ciphertextDiffers: boolean }>;
	wrongKey(photo: Photo): Promise<{ withOtherKey: boolean; moved: boolean; altered: boolean; intact: boolean; exportRefused: boolean; extractable: boolean }>;
	migrate(photos: readonly Photo[]): Promise<{ legacyLeft: number; sealedRows: number; accounts: string[]; readable: Record<string, number>; version: number }>;
	/** Milliseconds per encrypt + store of a copy of `photo`, `runs` times. */
	benchPut(photo: Photo, runs: number): Promise<number[]>;
}

declare global {
	interface Window {
		__vault: VaultHarness;
	}
}
