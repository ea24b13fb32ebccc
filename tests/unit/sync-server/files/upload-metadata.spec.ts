import { describe, expect, it } from 'vitest';
import { parseMetadataHeader, readStoredMetadata, readUploadMetadata } from '../../../../sync-server/src/files/upload-metadata.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const SHA = 'ab'.repeat(32);
const header = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => `${k} ${b64(v)}`).join(',');
const valid = { sha256: SHA, subjectId: 'abcdefghijklmnop', kind: 'id-front', filename: '身份证正面.jpg' };

describe('Upload-Metadata', () => {
	it('reads Beian fields from a tus-js-client header, decoding UTF-8 values', () => {
		const pairs = parseMetadataHeader(header(valid));
		expect(pairs && readUploadMetadata(pairs)).toEqual(valid);
		expect(readUploadMetadata(parseMetadataHeader(header({ ...valid, filename: '' }))!)).toMatchObject({ filename: '' });
	});

	it('refuses malformed headers without throwing', () => {
		for (const bad of ['sha 256 x', 'a !!!', `${'k'.repeat(65)} ${b64('x')}`, `a ${b64('1')},a ${b64('2')}`, 'x'.repeat(5000)]) {
			expect(parseMetadataHeader(bad)).toBeNull();
		}
		expect(parseMetadataHeader(undefined)).toEqual(new Map());
		// A key without a value is allowed by tus; it reads as an empty value.
		expect(parseMetadataHeader('sha256')).toEqual(new Map([['sha256', '']]));
	});

	it('refuses missing or malformed fields: hash, subject id (ROOM-2), document kind, file name', () => {
		const cases = [
			{ ...valid, sha256: SHA.toUpperCase() },
			{ ...valid, sha256: SHA.slice(2) },
			{ ...valid, subjectId: 'ABCDEFGHIJKLMNOP' },
			{ ...valid, subjectId: 'local' },
			{ ...valid, kind: 'selfie' },
			{ ...valid, filename: 'a\u0000b.jpg' },
			{ ...valid, filename: 'x'.repeat(256) }
		];
		for (const fields of cases) expect(readUploadMetadata(parseMetadataHeader(header(fields))!)).toBeNull();
		const { kind: _kind, ...withoutKind } = valid;
		expect(readUploadMetadata(parseMetadataHeader(header(withoutKind))!)).toBeNull();
	});

	it('reads stored metadata only with the account the server stamped in', () => {
		expect(readStoredMetadata({ ...valid, account: 'acc-1' })).toEqual({ ...valid, account: 'acc-1' });
		expect(readStoredMetadata({ ...valid })).toBeNull();
		expect(readStoredMetadata({ ...valid, account: null })).toBeNull();
		expect(readStoredMetadata(undefined)).toBeNull();
	});

	it('reads an account-held upload (holder=account, no subject) and refuses one naming a subject too', () => {
		const { subjectId: _subject, ...rest } = valid;
		expect(readUploadMetadata(parseMetadataHeader(header({ ...rest, holder: 'account' }))!)).toEqual({ ...rest, subjectId: null });
		expect(readUploadMetadata(parseMetadataHeader(header({ ...valid, holder: 'account' }))!)).toBeNull();
		expect(readUploadMetadata(parseMetadataHeader(header({ ...rest, holder: 'someone' }))!)).toBeNull();
		expect(readUploadMetadata(parseMetadataHeader(header(rest))!)).toBeNull();
	});
});
