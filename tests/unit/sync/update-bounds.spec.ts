import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAwarenessUpdate, checkUpdate, isAllowedValue, isRefusal, jsonDepthExceeds, MalformedUpdateError, MAX_JSON_DEPTH } from '../../../src/lib/sync/update-bounds.ts';
import { deepContentAnyUpdate, deepContentJsonUpdate, deepJson, unusedKindUpdate } from '../../support/hostile-frames.ts';

describe('update bounds', () => {
	it('passes what the workspace layout writes: Y.Text, nested Y.Maps, plain values, DocumentRef objects, deletions', () => {
		const doc = new Y.Doc();
		const subject = doc.getMap('subject');
		const name = new Y.Text('杭州示例');
		subject.set('name', name);
		subject.set('count', 3);
		subject.set('ok', true);
		subject.set('none', null);
		doc.getMap('attachments').set('ab', { sha256: 'ab', size: 1, nested: { a: [1, 2, { b: 'c' }] } });
		const site = new Y.Map();
		doc.getMap('websites').set('w1', site);
		site.set('domain', 'example.cn');
		name.delete(0, 2);
		subject.delete('ok');
		expect(checkUpdate(Y.encodeStateAsUpdate(doc))).toBeNull();
	});

	it('refuses JSON and Any content nested past the limit, without recursion, 50,000 deep', () => {
		expect(checkUpdate(deepContentJsonUpdate(1, 50_000))?.reason).toBe('json-depth');
		expect(checkUpdate(deepContentAnyUpdate(1, 50_000))?.reason).toBe('json-depth');
		expect(checkUpdate(deepContentAnyUpdate(1, MAX_JSON_DEPTH))).toBeNull();
		expect(checkUpdate(deepContentAnyUpdate(1, MAX_JSON_DEPTH + 1))?.reason).toBe('json-depth');
	});

	it('refuses content kinds the layout never uses', () => {
		for (const kind of ['binary', 'embed', 'format', 'doc', 'xml', 'bytes'] as const) expect(checkUpdate(unusedKindUpdate(1, kind)), kind).not.toBeNull();
	});

	it('throws MalformedUpdateError for truncated bytes and trailing garbage', () => {
		const update = Y.encodeStateAsUpdate(((d) => (d.getMap('m').set('k', 'v'), d))(new Y.Doc()));
		expect(() => checkUpdate(update.slice(0, update.length - 2))).toThrow(MalformedUpdateError);
		expect(() => checkUpdate(new Uint8Array([...update, 7]))).toThrow(MalformedUpdateError);
	});

	it('bounds awareness states by depth, size and entries; brackets inside strings do not count', () => {
		const frame = (state: string) => new Uint8Array([1, 5, 1, ...varString(state)]);
		expect(checkAwarenessUpdate(frame('{"user":{"name":"[[[[[[[[[[[[张三"}}'))).toEqual({ clientIds: [5] });
		expect(isRefusal(checkAwarenessUpdate(frame(deepJson(50_000))))).toBe(true);
		expect(isRefusal(checkAwarenessUpdate(frame(JSON.stringify('x'.repeat(20_000)))))).toBe(true);
		expect(() => checkAwarenessUpdate(frame('{nope'))).toThrow(MalformedUpdateError);
		expect(jsonDepthExceeds('"\\"[[[["', 1)).toBe(false);
	});

	it('tells the client which plain values it may write', () => {
		expect(isAllowedValue({ a: [1, { b: 'c' }] })).toBe(true);
		expect(isAllowedValue(JSON.parse(deepJson(MAX_JSON_DEPTH + 1)))).toBe(false);
		expect(isAllowedValue(new Uint8Array(2))).toBe(false);
		expect(isAllowedValue(10n)).toBe(false);
	});
});

function varString(text: string): number[] {
	const bytes = [...new TextEncoder().encode(text)];
	const length: number[] = [];
	let n = bytes.length;
	while (n > 0x7f) {
		length.push((n & 0x7f) | 0x80);
		n >>>= 7;
	}
	length.push(n);
	return [...length, ...bytes];
}
