import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SUBJECT_FIELDS } from '../../../../src/lib/domain/workspace/layout.ts';
import { ensureLayout } from '../../../../src/lib/sync/doc-layout.ts';
import { putAttachment, readAttachments, removeAttachment } from '../../../../src/lib/sync/bindings/attachments.ts';
import { addOrderDraft, readOrders, removeOrderDraft, setOrderText, setOrderValue } from '../../../../src/lib/sync/bindings/orders.ts';
import { readSubject, setSubjectChoice, setSubjectText } from '../../../../src/lib/sync/bindings/subject.ts';
import { addWebsite, readWebsites, removeWebsite, setWebsiteText, setWebsiteValue } from '../../../../src/lib/sync/bindings/websites.ts';

const SHA = 'a'.repeat(64);

function workspace(): Y.Doc {
	const doc = new Y.Doc();
	ensureLayout(doc);
	return doc;
}

describe('subject binding', () => {
	it('reads what the intent-named changes wrote, nested as in SubjectSchema', () => {
		const doc = workspace();
		expect(setSubjectText(doc, 'name', '杭州示例科技有限公司')).toEqual([]);
		expect(setSubjectText(doc, 'leader.mobile', '13800138000')).toEqual([]);
		expect(setSubjectChoice(doc, 'type', 'enterprise')).toEqual([]);
		expect(setSubjectChoice(doc, 'correspondenceAddress.province', 'ZJ')).toEqual([]);
		const { value, issues } = readSubject(doc);
		expect(issues).toEqual([]);
		expect(value).toMatchObject({ name: '杭州示例科技有限公司', type: 'enterprise', leader: { mobile: '13800138000' }, correspondenceAddress: { province: 'ZJ', city: '' } });
	});

	it('DATA-3 a plain string over subject.name reads as an issue on that field, never a throw, and typing repairs it', () => {
		const doc = workspace();
		doc.getMap('subject').set('name', 'written by a faulty editor');
		doc.getMap('subject').set('type', 'spaceship');
		const read = readSubject(doc);
		expect(read.value.name).toBe('');
		expect(read.value.type).toBeUndefined();
		expect(read.issues.map((i) => [i.rule, i.path.join('.'), i.params.found])).toEqual([
			['DATA-3', 'type', 'string'],
			['DATA-3', 'name', 'string']
		]);
		setSubjectText(doc, 'name', '杭州');
		expect(readSubject(doc).value.name).toBe('杭州');
		expect(readSubject(doc).issues.map((i) => i.path.join('.'))).toEqual(['type']);
	});

	it('refuses a choice outside its list and applies the text bound before writing', () => {
		const doc = workspace();
		expect(setSubjectChoice(doc, 'type', 'spaceship').map((i) => i.rule)).toEqual(['DATA-1']);
		expect(doc.getMap('subject').has('type')).toBe(false);
		const refused = setSubjectText(doc, 'name', 'x'.repeat(200_000));
		expect(refused.map((i) => i.rule)).toEqual(['TEXT-3']);
		expect(readSubject(doc).value.name).toHaveLength(SUBJECT_FIELDS.name.max);
	});
});

describe('websites binding', () => {
	it('adds, edits (access information included) and removes websites', () => {
		const doc = workspace();
		const id = addWebsite(doc) as string;
		setWebsiteText(doc, id, 'name', '示例科技官网');
		setWebsiteText(doc, id, 'access.serviceCode', 'ABC-123');
		setWebsiteValue(doc, id, 'access.ips', ['203.0.113.7']);
		setWebsiteValue(doc, id, 'serviceContent', ['organization-portal']);
		const { value, issues } = readWebsites(doc);
		expect(issues).toEqual([]);
		expect(value).toHaveLength(1);
		expect(value[0]).toMatchObject({ id, name: '示例科技官网', access: { serviceCode: 'ABC-123', ips: ['203.0.113.7'], provider: '' }, serviceContent: ['organization-portal'], languages: ['zh-Hans'] });
		removeWebsite(doc, id);
		expect(readWebsites(doc).value).toEqual([]);
	});

	it('DATA-3 a website entry or field of the wrong type is an issue on it, never a throw', () => {
		const doc = workspace();
		const id = addWebsite(doc) as string;
		(doc.getMap('websites').get(id) as Y.Map<unknown>).set('domain', 42);
		doc.getMap('websites').set('broken', 'not a map');
		const read = readWebsites(doc);
		expect(read.value.map((w) => w.id)).toEqual([id]);
		expect(read.value[0]?.domain).toBe('');
		// Issue order follows the website ids, which are random: compare as a sorted list.
		expect(read.issues.map((i) => [i.rule, i.path.join('.')]).sort()).toEqual([
			['DATA-3', 'websites.broken'],
			['DATA-3', `websites.${id}.domain`]
		].sort());
	});
});

describe('orders binding', () => {
	it('starts an order draft that refers to websites, edits and discards it', () => {
		const doc = workspace();
		const site = addWebsite(doc) as string;
		const id = addOrderDraft(doc, { kind: 'first-filing', websiteIds: [site], created: '2025-03-01T08:00:00.000Z' });
		expect(setOrderValue(doc, id, 'documents', [SHA])).toEqual([]);
		const { value, issues } = readOrders(doc);
		expect(issues).toEqual([]);
		expect(value[0]).toMatchObject({ id, kind: 'first-filing', websiteIds: [site], documents: [SHA], created: '2025-03-01T08:00:00.000Z' });
		removeOrderDraft(doc, id);
		expect(readOrders(doc).value).toEqual([]);
	});

	it('ORDER-2 ORDER-3 keeps the acknowledged warnings and the cancellation reason in the draft', () => {
		const doc = workspace();
		const id = addOrderDraft(doc, { kind: 'cancel-website', websiteIds: [], created: '2025-03-01T08:00:00.000Z' });
		expect(readOrders(doc).value[0]).toMatchObject({ acknowledgedWarnings: [], cancellationReason: { text: '' } });
		const ack = [{ rule: 'OP-17', by: 'account-1', at: '2025-03-01T08:05:00.000Z' }];
		expect(setOrderValue(doc, id, 'acknowledgedWarnings', ack)).toEqual([]);
		expect(setOrderValue(doc, id, 'cancellationReason.code', 'other')).toEqual([]);
		expect(setOrderValue(doc, id, 'cancellationReason.code', 'bored').map((i) => i.rule)).toEqual(['DATA-1']);
		expect(setOrderText(doc, id, 'cancellationReason.text', '<b>').map((i) => i.rule)).toEqual(['TEXT-2']);
		expect(setOrderText(doc, id, 'cancellationReason.text', '网站停止运营')).toEqual([]);
		expect(readOrders(doc)).toMatchObject({ issues: [], value: [{ acknowledgedWarnings: ack, cancellationReason: { code: 'other', text: '网站停止运营' } }] });
	});

	it('DATA-3 an order with an unknown kind reads with the kind unset and an issue on it', () => {
		const doc = workspace();
		const id = addOrderDraft(doc, { kind: 'new-website', websiteIds: [], created: '2025-03-01T08:00:00.000Z' });
		(doc.getMap('orders').get(id) as Y.Map<unknown>).set('kind', 'time-travel');
		const read = readOrders(doc);
		expect(read.value[0]?.kind).toBeUndefined();
		expect(read.issues.map((i) => [i.rule, i.path.join('.')])).toEqual([['DATA-3', `orders.${id}.kind`]]);
	});
});

describe('attachments binding', () => {
	const ref = { version: 1, sha256: SHA, kind: 'subject-certificate', mime: 'image/jpeg', size: 1000, width: 800, height: 600, owner: 'subject' } as const;

	it('puts, reads and removes references by hash', () => {
		const doc = workspace();
		putAttachment(doc, ref);
		expect(readAttachments(doc)).toEqual({ value: [ref], issues: [] });
		removeAttachment(doc, SHA);
		expect(readAttachments(doc).value).toEqual([]);
	});

	it('DATA-3 a reference that is not a DocumentRef, or filed under another hash, is an issue', () => {
		const doc = workspace();
		doc.getMap('attachments').set('b'.repeat(64), { ...ref });
		doc.getMap('attachments').set('junk', 'not a ref');
		const read = readAttachments(doc);
		expect(read.value).toEqual([]);
		expect(read.issues.map((i) => [i.rule, i.path.join('.')])).toEqual([
			['DATA-3', `attachments.${'b'.repeat(64)}`],
			['DATA-3', 'attachments.junk']
		]);
	});
});
