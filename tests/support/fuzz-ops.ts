/**
 * The random edits of the convergence fuzz, on the shapes a Beian workspace uses: a subject
 * map of scalar fields, Y.Text fields with Chinese and ASCII text, and a map of websites,
 * each a nested Y.Map with its own Y.Text. Every choice comes from the PRNG; positions are
 * fractions of the current length, so the same seed makes the same kinds of edits even though
 * the network decides what each client has seen.
 */
import * as Y from 'yjs';
import type { Prng } from './prng.ts';

export const EDIT_KINDS = ['mapSet', 'mapDelete', 'textInsert', 'textDelete', 'websiteSet', 'websiteText', 'websiteRemove', 'batch'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export const EDIT_WEIGHTS: Record<EditKind, number> = {
	mapSet: 20,
	mapDelete: 6,
	textInsert: 20,
	textDelete: 10,
	websiteSet: 12,
	websiteText: 8,
	websiteRemove: 3,
	batch: 5
};

const FIELDS = ['name', 'province', 'city', 'certType', 'certNumber', 'phone', 'email', 'address', 'contact', 'note', 'status', 'count'];
const WEBSITE_IDS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
const WEBSITE_FIELDS = ['domain', 'title', 'category', 'ip', 'approved'];
const CJK = '杭州示例科技有限公司浙江省四川成都市备案网站负责人联系电话身份证号码营业执照统一社会信用代码';
const ASCII = 'abcdefghijklmnopqrstuvwxyz0123456789 -.';
/** Y.Text fields grow without bound otherwise; above this, deletes win. */
const TEXT_SOFT_LIMIT = 300;

/** Applies one random edit of `kind` to `doc` (as one transaction). */
export function applyEdit(doc: Y.Doc, kind: EditKind, prng: Prng): void {
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
	const subject = doc.getMap('subject');
	const websites = doc.getMap<Y.Map<unknown>>('websites');
	switch (kind) {
		case 'mapSet':
			subject.set(prng.pick(FIELDS), randomValue(prng));
			return;
		case 'mapDelete':
			subject.delete(prng.pick(FIELDS));
			return;
		case 'textInsert':
		case 'textDelete':
			editText(doc.getText(prng.pick(['notes', 'address'])), kind === 'textInsert', prng);
			return;
		case 'websiteSet':
		case 'websiteText': {
			const site = websiteOf(websites, prng.pick(WEBSITE_IDS));
			if (kind === 'websiteSet') site.set(prng.pick(WEBSITE_FIELDS), randomValue(prng));
			else editText(site.get('remark') as Y.Text, prng.chance(0.65), prng);
			return;
		}
		case 'websiteRemove':
			websites.delete(prng.pick(WEBSITE_IDS));
			return;
	}
}

/** The nested map of a website, created with its Y.Text when missing on this client. */
function websiteOf(websites: Y.Map<Y.Map<unknown>>, id: string): Y.Map<unknown> {
	const existing = websites.get(id);
	if (existing instanceof Y.Map) return existing;
	const site = new Y.Map<unknown>();
	websites.set(id, site);
	site.set('remark', new Y.Text());
	site.set('domain', `${id}.example.cn`);
	return site;
}

function editText(text: Y.Text, insert: boolean, prng: Prng): void {
	const length = text.length;
	if (insert && length < TEXT_SOFT_LIMIT) {
		text.insert(Math.floor(prng.next() * (length + 1)), randomString(prng, prng.int(1, 8)));
		return;
	}
	if (length === 0) return;
	const start = Math.floor(prng.next() * length);
	text.delete(start, Math.min(length - start, prng.int(1, 12)));
}

function randomValue(prng: Prng): unknown {
	switch (prng.int(0, 4)) {
		case 0:
			return randomString(prng, prng.int(0, 12));
		case 1:
			return prng.int(-1000, 1_000_000);
		case 2:
			return prng.chance(0.5);
		case 3:
			return { code: prng.int(0, 99), label: randomString(prng, 4) };
		default:
			return null;
	}
}

function randomString(prng: Prng, length: number): string {
	const alphabet = prng.chance(0.5) ? CJK : ASCII;
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[prng.int(0, alphabet.length - 1)];
	return out;
}
