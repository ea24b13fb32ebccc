/**
 * The tus chunk size of document uploads. Photos are small, so by default each one goes in a
 * single PATCH; tests (and anyone studying resumption on a slow link) set a smaller size in
 * this device's localStorage under `beian:upload-chunk-bytes` — 16 KiB to 10 MiB, anything else
 * is ignored. It only changes how the bytes are cut, never what is sent.
 */
import { z } from 'zod/mini';

export const UPLOAD_CHUNK_KEY = 'beian:upload-chunk-bytes';

const ChunkBytesSchema = z.coerce.number().check(z.int(), z.gte(16 * 1024), z.lte(10 * 1024 * 1024));

/** The configured chunk size in bytes, or undefined for one PATCH per photo. */
export function uploadChunkBytes(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number | undefined {
	try {
		const raw = storage?.getItem(UPLOAD_CHUNK_KEY);
		if (raw === null || raw === undefined) return undefined;
		const parsed = ChunkBytesSchema.safeParse(raw);
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}
