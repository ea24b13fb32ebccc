/**
 * The fields of the printable letters (authorization letter, website verification form 核验单,
 * commitment letter), read from the workspace draft of one order (PRINT-1..5). Pure: the pages
 * only lay these fields out around catalogue wording. Every text is trimmed and '' when the
 * draft leaves it empty, so a page prints a blank line to fill in by hand (PRINT-2), never a
 * placeholder; nothing here is markup.
 */
import { chinaDateOf, type IsoDate } from '../calendar/iso-date.ts';
import type { CertificateType } from '../identity/certificate-type.ts';
import type { OperationKind } from '../operation/operation-kind.ts';
import type { SubjectType } from '../subject/subject-type.ts';
import { compactIdentifier } from '../text/normalize.ts';
import type { OrderDraft, PersonDraft, SubjectDraft, WebsiteDraft } from '../workspace/drafts.ts';

/** The order id that means "the subject and every website of the draft" (PRINT-1). */
export const CURRENT_DRAFT_ORDER = 'current';

/** A calendar date split for a form's 年/月/日 boxes. */
export interface LetterDate {
	readonly year: number;
	readonly month: number;
	readonly day: number;
}

export interface LetterPerson {
	readonly name: string;
	readonly certificateType?: CertificateType;
	readonly certificateNumber: string;
	/** Until when the certificate is valid; null when the draft does not say. */
	readonly certificateValidUntil: LetterDate | 'long-term' | null;
	readonly mobile: string;
	readonly email: string;
}

export interface LetterWebsite {
	readonly id: string;
	readonly name: string;
	readonly domain: string;
	readonly homepageUrl: string;
	readonly administrator: LetterPerson;
	readonly accessProvider: string;
}

export interface LetterSubject {
	readonly type?: SubjectType;
	readonly name: string;
	readonly certificateType?: CertificateType;
	readonly certificateNumber: string;
	readonly certificateAddress: string;
	/** City, district and detail of the correspondence address, in that order. */
	readonly correspondenceAddress: string;
}

export interface LetterFields {
	/** The order's id, or null for {@link CURRENT_DRAFT_ORDER}. */
	readonly orderId: string | null;
	readonly operation?: OperationKind;
	/** The day the order draft was started (China time); null for the whole draft. */
	readonly started: LetterDate | null;
	readonly subject: LetterSubject;
	readonly leader: LetterPerson;
	/** Only `true` when the draft says so. */
	readonly leaderIsLegalRepresentative: boolean;
	/** The leader's name when marked as legal representative, else '' (PRINT-6). */
	readonly legalRepresentativeName: string;
	/** Whether the pages carry company seal blocks: every subject but an individual (PRINT-6). */
	readonly hasSeal: boolean;
	readonly websites: readonly LetterWebsite[];
	/** Access providers named by the websites, each once, in website order. */
	readonly accessProviders: readonly string[];
	/** Who the authorization letter names, one letter each; at least one (blank when unknown) (PRINT-3). */
	readonly authorized: readonly LetterPerson[];
}

export interface LetterSource {
	readonly subject: SubjectDraft;
	readonly websites: readonly WebsiteDraft[];
	readonly orders: readonly OrderDraft[];
}

const clean = (text: string) => text.trim();

export function splitDate(date: IsoDate): LetterDate {
	return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function personOf(draft: PersonDraft): LetterPerson {
	const validUntil = draft.certificateValidUntil;
	return {
		name: clean(draft.name),
		...(draft.certificateType ? { certificateType: draft.certificateType } : {}),
		certificateNumber: clean(draft.certificateNumber),
		certificateValidUntil: validUntil === 'long-term' ? 'long-term' : validUntil ? splitDate(validUntil as IsoDate) : null,
		mobile: clean(draft.mobile),
		email: clean(draft.email)
	};
}

/** Who a person is for the letters: their certificate, or null when the draft has no number yet. */
export function personKey(person: LetterPerson): string | null {
	const number = compactIdentifier(person.certificateNumber)?.toUpperCase() ?? '';
	return number === '' ? null : `${person.certificateType ?? ''}:${number}`;
}

function websiteOf(draft: WebsiteDraft): LetterWebsite {
	return {
		id: draft.id,
		name: clean(draft.name),
		domain: clean(draft.domain),
		homepageUrl: clean(draft.homepageUrl),
		administrator: personOf(draft.administrator),
		accessProvider: clean(draft.access.provider)
	};
}

/** The order's websites (PRINT-4): those it files, then those it targets, each once, as found in the draft. */
function websitesOf(order: OrderDraft | null, websites: readonly WebsiteDraft[]): WebsiteDraft[] {
	if (!order) return [...websites];
	const byId = new Map(websites.map((site) => [site.id, site]));
	const ids = [...new Set([...order.websiteIds, ...order.targetWebsiteIds])];
	return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * PRINT-3: the leader when not marked as the legal representative, and each website
 * administrator who is neither the leader nor marked as legal representative; each person once
 * (by certificate). An administrator without a certificate number yet is listed unless their
 * name matches someone already listed. With nobody, one blank person to fill in by hand.
 */
export function authorizedPersons(leader: LetterPerson, leaderIsLegal: boolean, admins: readonly { person: LetterPerson; isLegal: boolean }[]): LetterPerson[] {
	const seen = new Set<string>();
	const names = new Set<string>();
	const listed: LetterPerson[] = [];
	const leaderKey = personKey(leader);
	if (leaderKey) seen.add(leaderKey);
	if (leader.name) names.add(leader.name);
	if (!leaderIsLegal) listed.push(leader);
	for (const { person, isLegal } of admins) {
		const key = personKey(person);
		if (isLegal || (key ? seen.has(key) : !person.name || names.has(person.name))) continue;
		if (key) seen.add(key);
		names.add(person.name);
		listed.push(person);
	}
	return listed.length > 0 ? listed : [personOf({ name: '', certificateNumber: '', mobile: '', emergencyPhone: '', landline: '', email: '' })];
}

/**
 * The letters' fields for `orderId` (PRINT-1): an order draft of the workspace, or
 * {@link CURRENT_DRAFT_ORDER} for the subject and all its websites. Null when no order has
 * that id (the page says so instead of printing an empty form).
 */
export function letterFieldsFor(orderId: string, source: LetterSource): LetterFields | null {
	const order = orderId === CURRENT_DRAFT_ORDER ? null : source.orders.find((o) => o.id === orderId);
	if (order === undefined) return null;
	const subject = source.subject;
	const drafts = websitesOf(order, source.websites);
	const websites = drafts.map(websiteOf);
	const leader = personOf(subject.leader);
	const leaderIsLegalRepresentative = subject.leader.isLegalRepresentative === true;
	const address = subject.correspondenceAddress;
	const started = order?.created ? chinaDateOf(order.created) : undefined;
	const admins = drafts.map((site) => ({ person: personOf(site.administrator), isLegal: site.administrator.isLegalRepresentative === true }));
	return {
		orderId: order ? order.id : null,
		...(order?.kind ? { operation: order.kind } : {}),
		started: started ? splitDate(started) : null,
		subject: {
			...(subject.type ? { type: subject.type } : {}),
			name: clean(subject.name),
			...(subject.certificateType ? { certificateType: subject.certificateType } : {}),
			certificateNumber: clean(subject.certificateNumber),
			certificateAddress: clean(subject.certificateAddress),
			correspondenceAddress: [address.city, address.district, address.detail].map(clean).filter((part) => part !== '').join(' ')
		},
		leader,
		leaderIsLegalRepresentative,
		legalRepresentativeName: leaderIsLegalRepresentative ? leader.name : '',
		hasSeal: subject.type !== 'individual',
		websites,
		accessProviders: [...new Set(websites.map((site) => site.accessProvider).filter((provider) => provider !== ''))],
		authorized: authorizedPersons(leader, leaderIsLegalRepresentative, admins)
	};
}
