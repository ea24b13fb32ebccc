/**
 * The random edits of the convergence fuzz, made through the app's real bindings on the real
 * workspace layout (`src/lib/sync/bindings/*`): subject texts and choices, websites added,
 * edited (texts, lists, access information) and removed, order drafts, attachment references.
 * Every choice comes from the PRNG; text positions are fractions of the current length, so the
 * same seed makes the same kinds of edits even though the network decides what each client has
 * seen. Inputs include characters the field bounds refuse (`<`, line breaks), so the app-side
 * bounds run too: the room must never have to drop an edit made through the bindings.
 */
import type * as Y from 'yjs';
import { OPERATION_KINDS } from '../../src/lib/domain/operation/operation-kind.ts';
import { SUBJECT_FIELDS, WEBSITE_FIELDS, fieldPath } from '../../src/lib/domain/workspace/layout.ts';
import { ensureLayout } from '../../src/lib/sync/doc-layout.ts';
import { putAttachment, removeAttachment } from '../../src/lib/sync/bindings/attachments.ts';
import { addOrderDraft, readOrders, removeOrderDraft, setOrderValue } from '../../src/lib/sync/bindings/orders.ts';
import { readSubject, setSubjectChoice, setSubjectText, type SubjectChoiceField, type SubjectTextField } from '../../src/lib/sync/bindings/subject.ts';
import { addWebsite, readWebsites, removeWebsite, setWebsiteText, setWebsiteValue, type WebsiteTextField } from '../../src/lib/sync/bindings/websites.ts';
import type { Prng } from './prng.ts';

export const EDIT_KINDS = ['subjectText', 'subjectChoice', 'websiteAdd', 'websiteText', 'websiteValue', 'websiteRemove', 'order', 'attachment', 'batch'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export const EDIT_WEIGHTS: Record<EditKind, number> = {
	subjectText: 30,
	subjectChoice: 12,
	websiteAdd: 5,
	websiteText: 20,
	websiteValue: 8,
	websiteRemove: 2,
	order: 5,
	attachment: 4,
	batch: 5
};

const keysOfKind = (fields: Record<string, { kind: string }>, kind: string) => Object.keys(fields).filter((k) => fields[k]?.kind === kind);
const SUBJECT_TEXTS = keysOfKind(SUBJECT_FIELDS, 'text') as SubjectTextField[];
const SUBJECT_CHOICES: { field: SubjectChoiceField; values: unknown[] }[] = [
	{ field: 'type', values: ['enterprise', 'individual', 'government', undefined] },
	{ field: 'certificateType', values: ['uscc-certificate', 'resident-id-card', undefined] },
	{ field: 'province', values: ['ZJ', 'SC', 'GD'] },
	{ field: 'correspondenceAddress.province', values: ['ZJ', 'BJ'] },
	{ field: 'leader.isLegalRepresentative', values: [true, false] },
	{ field: 'leader.certificateValidUntil', values: ['long-term', '2030-01-31', undefined] }
];
const WEBSITE_TEXTS = keysOfKind(WEBSITE_FIELDS, 'text') as WebsiteTextField[];
const WEBSITE_IDS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
const CJK = '杭州示例科技有限公司浙江省四川成都市备案网站负责人联系电话身份证号码营业执照统一社会信用代码';
const ASCII = 'abcdefghijklmnopqrstuvwxyz0123456789 -.<>\n';
const HASHES = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));

/** Applies one random edit of `kind` to `doc` (as one transaction). */
export function applyEdit(doc: Y.Doc, kind: EditKind, prng: Prng): void {
	ensureLayout(doc);
	if (kind === 'batch') {
		const count = prng.int(2, 5);
		doc.transact(() => {
			for (let i = 0; i < count; i++) applySingle(doc, prng.pick(EDIT_KINDS.filter((k) => k !== 'batch')), prng);
		});
		return;
	}
	doc.transact(() => applySingle(doc, kind, prng));
}

function applySingle(doc: Y.Doc, kind: Exclude<EditKind, 'batch'>, prng: Prng): void {
	switch (kind) {
		case 'subjectText': {
			const field = prng.pick(SUBJECT_TEXTS);
			setSubjectText(doc, field, edited(String(at(readSubject(doc).value, field) ?? ''), prng));
			return;
		}
		case 'subjectChoice': {
			const choice = prng.pick(SUBJECT_CHOICES);
			setSubjectChoice(doc, choice.field, prng.pick(choice.values));
			return;
		}
		case 'websiteAdd': {
			const id = prng.pick(WEBSITE_IDS);
			if (!readWebsites(doc).value.some((w) => w.id === id)) addWebsite(doc, id);
			return;
		}
		case 'websiteText':
		case 'websiteValue': {
			const site = pickWebsite(doc, prng);
			if (!site) return;
			if (kind === 'websiteText') {
				const field = prng.pick(WEBSITE_TEXTS);
				setWebsiteText(doc, site.id, field, edited(String(at(site, field) ?? ''), prng));
			} else if (prng.chance(0.5)) setWebsiteValue(doc, site.id, 'access.ips', prng.chance(0.5) ? [] : [`203.0.113.${prng.int(1, 254)}`]);
			else setWebsiteValue(doc, site.id, 'serviceContent', [prng.pick(['organization-portal', 'general-portal', 'other'])]);
			return;
		}
		case 'websiteRemove':
			removeWebsite(doc, prng.pick(WEBSITE_IDS));
			return;
		case 'order': {
			const orders = readOrders(doc).value;
			const existing = orders.length > 0 && prng.chance(0.6) ? prng.pick(orders) : null;
			if (!existing) addOrderDraft(doc, { kind: prng.pick(OPERATION_KINDS), websiteIds: readWebsites(doc).value.map((w) => w.id), created: new Date(1_700_000_000_000 + prng.int(0, 1e6)).toISOString() }, `o${prng.int(1, 4)}`);
			else if (prng.chance(0.3)) removeOrderDraft(doc, existing.id);
			else setOrderValue(doc, existing.id, 'documents', HASHES.slice(0, prng.int(0, HASHES.length)));
			return;
		}
		case 'attachment': {
			const sha256 = prng.pick(HASHES);
			if (prng.chance(0.3)) removeAttachment(doc, sha256);
			else putAttachment(doc, { version: 1, sha256, kind: 'subject-certificate', mime: 'image/jpeg', size: prng.int(1, 1e6), width: 800, height: 600, owner: 'subject' });
			return;
		}
	}
}

function pickWebsite(doc: Y.Doc, prng: Prng): { id: string } | undefined {
	const sites = readWebsites(doc).value;
	return sites.length > 0 ? prng.pick(sites) : undefined;
}

/** The value at a dotted field key of a draft. */
function at(draft: object, key: string): unknown {
	let node: unknown = draft;
	for (const part of fieldPath(key)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
	return node;
}

/** `text` with a random insertion or deletion (as the person would type or cut). */
function edited(text: string, prng: Prng): string {
	if (prng.chance(0.65) || text.length === 0) {
		const index = Math.floor(prng.next() * (text.length + 1));
		return text.slice(0, index) + randomString(prng, prng.int(1, 8)) + text.slice(index);
	}
	const start = Math.floor(prng.next() * text.length);
	return text.slice(0, start) + text.slice(start + Math.min(text.length - start, prng.int(1, 12)));
}

function randomString(prng: Prng, length: number): string {
	const alphabet = prng.chance(0.5) ? CJK : ASCII;
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[prng.int(0, alphabet.length - 1)];
	return out;
}
