/**
 * What an approval by the administration does to the filing (issue 12): the filing numbers it
 * issues (FNUM-10, FNUM-11), the approved record that follows from the order (APPR-2 … APPR-5)
 * and what the public registry shows of it (REG-1). Pure: the server supplies the serials (its
 * numbers store hands them out one by one per province and year) and the date.
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import { FILING_PROVINCES_DATA, type ProvinceAbbr } from '../filing-number/provinces.ts';
import { APPROVED_RECORD_VERSION, type ApprovedRecordData } from '../operation/approved-record.ts';
import { isCancelKind } from '../operation/operation-kind.ts';
import type { Order } from '../order/order.ts';
import type { ProvinceCode } from '../province/provinces.ts';
import type { Website } from '../website/website.ts';

/** FNUM-10: the abbreviation a province's numbers carry (蜀, 滇, 陇 — never 川, 云, 甘). */
export function filingAbbrOf(province: ProvinceCode): ProvinceAbbr {
	const found = FILING_PROVINCES_DATA.provinces.find((p) => p.code === province);
	if (!found) throw new Error(`no filing abbreviation for ${province}`);
	return found.abbr;
}

/** FNUM-10: a new subject number `<abbr>ICP备<year><6-digit serial>号` (10 digits, FNUM-3). */
export function subjectFilingNumber(province: ProvinceCode, year: number, serial: number): string {
	if (!Number.isSafeInteger(serial) || serial < 1 || serial > 999_999) throw new Error(`serial out of range: ${serial}`);
	return `${filingAbbrOf(province)}ICP备${year}${String(serial).padStart(6, '0')}号`;
}

/** The `-N` of a website number, or 0. */
function siteIndexOf(number: string): number {
	const m = /号-(\d+)$/.exec(number);
	return m ? Number(m[1]) : 0;
}

/**
 * FNUM-11: website numbers for a subject number — the websites that have one keep it, the
 * others get `-N` in order after the highest in use (`-1`, `-2` … for a first filing).
 */
export function websiteFilingNumbers(subjectNumber: string, websites: readonly Pick<Website, 'id'>[], existing: Readonly<Record<string, string>> = {}): Record<string, string> {
	let next = Math.max(0, ...Object.values(existing).map(siteIndexOf)) + 1;
	const numbers: Record<string, string> = {};
	for (const site of websites) numbers[site.id] = existing[site.id] ?? `${subjectNumber}-${next++}`;
	return numbers;
}

/** Whether approving the order needs a new subject number (no approved record yet). */
export function needsSubjectNumber(order: Pick<Order, 'kind'>, approved: ApprovedRecordData | null): boolean {
	return approved === null && !isCancelKind(order.kind);
}

export interface ApprovalResult {
	/** The record after the approval; null when the subject's filing is gone (APPR-3). */
	readonly record: ApprovedRecordData | null;
}

/**
 * The approved record after the administration approved `order` (APPR-2 … APPR-5):
 * - a filing or a change: the order's subject; the record's websites plus the order's, those
 *   with the same id replaced (they keep their numbers, new ones get the next `-N`);
 * - cancel subject: no record (the subject and all its websites leave the registry);
 * - cancel website: the target websites leave; a subject left without one is a shell filing;
 * - cancel access: the target websites stay filed but lose their access here; without another
 *   provider they make the record a shell filing.
 * `subjectNumber` is required when {@link needsSubjectNumber} says so.
 */
export function approvedAfter(order: Order, approved: ApprovedRecordData | null, context: { subjectId: string; approvedOn: IsoDate; subjectNumber?: string }): ApprovalResult {
	if (order.kind === 'cancel-subject') return { record: null };
	const targets = new Set(order.targetWebsiteIds ?? []);
	if (approved && order.kind === 'cancel-website') {
		const websites = approved.websites.filter((w) => !targets.has(w.id));
		const numbers = Object.fromEntries(Object.entries(approved.filingNumbers.websites).filter(([id]) => !targets.has(id)));
		return { record: { ...approved, approvedOn: context.approvedOn, websites, filingNumbers: { ...approved.filingNumbers, websites: numbers }, shellFiling: approved.shellFiling || websites.length === 0 } };
	}
	if (approved && order.kind === 'cancel-access') {
		const others = approved.otherAccessProviders ?? {};
		const websites = approved.websites.map((w) => (targets.has(w.id) ? { ...w, access: { ...w.access, provider: '', serviceCode: '', ips: [] } } : w));
		const shell = [...targets].some((id) => (others[id] ?? 0) <= 0);
		return { record: { ...approved, approvedOn: context.approvedOn, websites, shellFiling: approved.shellFiling || shell } };
	}
	if (isCancelKind(order.kind)) return { record: approved };
	const subjectNumber = approved?.filingNumbers.subject ?? context.subjectNumber;
	if (subjectNumber === undefined) throw new Error('a first approval needs a subject number');
	const byId = new Map((approved?.websites ?? []).map((w) => [w.id, w]));
	for (const site of order.websites) byId.set(site.id, site);
	const websites = [...byId.values()];
	const numbers = websiteFilingNumbers(subjectNumber, websites, approved?.filingNumbers.websites ?? {});
	const record: ApprovedRecordData = {
		version: APPROVED_RECORD_VERSION,
		subjectId: context.subjectId,
		approvedOn: context.approvedOn,
		subject: order.subject,
		websites,
		filingNumbers: { subject: subjectNumber, websites: numbers },
		shellFiling: websites.length === 0,
		...(approved?.otherAccessProviders ? { otherAccessProviders: approved.otherAccessProviders } : {})
	};
	return { record };
}

/** One line of the public query (REG-1): only what the MIIT query shows, nothing personal. */
export interface RegistryLine {
	readonly subjectName: string;
	readonly subjectType: string;
	readonly subjectNumber: string;
	readonly websiteName: string | null;
	readonly websiteNumber: string | null;
	readonly domain: string | null;
	readonly homeUrl: string | null;
	readonly approvedOn: string;
	readonly shellFiling: boolean;
}

/**
 * REG-1: the registry lines of an approved record — one per website (a subject without websites
 * gets one line): subject name and type, numbers, website name, domain, home URL and the
 * approval date. No person, certificate, phone, address or access information.
 */
export function registryLinesOf(record: ApprovedRecordData | null): RegistryLine[] {
	if (!record) return [];
	const base = { subjectName: record.subject.name, subjectType: record.subject.type, subjectNumber: record.filingNumbers.subject, approvedOn: record.approvedOn, shellFiling: record.shellFiling };
	if (record.websites.length === 0) return [{ ...base, websiteName: null, websiteNumber: null, domain: null, homeUrl: null }];
	return record.websites.map((w) => ({ ...base, websiteName: w.name, websiteNumber: record.filingNumbers.websites[w.id] ?? null, domain: w.domain, homeUrl: w.homepageUrl }));
}
