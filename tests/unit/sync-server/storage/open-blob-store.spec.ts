import { describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../../sync-server/src/storage/fs-blob-store.ts';
import { openBlobStore, s3SettingsFromEnv } from '../../../../sync-server/src/storage/open-stores.ts';
import { S3BlobStore } from '../../../../sync-server/src/storage/s3-blob-store.ts';

const full = { S3_ENDPOINT: 'http://127.0.0.1:7480', S3_BUCKET: 'beian', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' };

describe('blob store from the environment', () => {
	it('keeps the embedded default (files in the data folder) when S3_ENDPOINT is not set', async () => {
		expect(s3SettingsFromEnv({})).toBeNull();
		expect(s3SettingsFromEnv({ S3_ENDPOINT: '  ', S3_BUCKET: 'x' })).toBeNull();
		const opened = await openBlobStore('/srv/beian', null);
		expect(opened.blobStore).toBeInstanceOf(FsBlobStore);
		expect((opened.blobStore as FsBlobStore).root).toBe('/srv/beian/blobs');
		expect(opened.where).toBeNull();
	});

	it('reads the S3 settings, with region us-east-1 and path style by default', () => {
		expect(s3SettingsFromEnv(full)).toEqual({ endpoint: full.S3_ENDPOINT, bucket: 'beian', accessKeyId: 'AK', secretAccessKey: 'SK', region: 'us-east-1', forcePathStyle: true });
		expect(s3SettingsFromEnv({ ...full, S3_REGION: 'cn-north-1', S3_FORCE_PATH_STYLE: 'false' })).toMatchObject({ region: 'cn-north-1', forcePathStyle: false });
	});

	it('refuses incomplete or malformed S3 settings, naming what is wrong', () => {
		expect(() => s3SettingsFromEnv({ S3_ENDPOINT: full.S3_ENDPOINT, S3_BUCKET: 'beian' })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
		expect(() => s3SettingsFromEnv({ ...full, S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
	});

	it('opens an S3 store when the settings are given, and shows where without the keys', async () => {
		const opened = await openBlobStore('/srv/beian', s3SettingsFromEnv(full));
		try {
			expect(opened.blobStore).toBeInstanceOf(S3BlobStore);
			expect(opened.where).toBe('http://127.0.0.1:7480 bucket beian');
			expect(opened.where).not.toContain('SK');
		} finally {
			opened.close();
		}
	});
});
