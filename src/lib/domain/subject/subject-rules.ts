/**
 * Subject field rules SUBJ-1..6 (domain-research §5.1, §5.2, §8.5). Province-dependent rules
 * (investor required, leader must be the legal representative…) are province rule data.
 */
import type { IsoDate } from '../calendar/iso-date.ts';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { checkPerson } from '../person/person-rules.ts';
import { isSamePerson } from '../person/person.ts';
import { provinceOfResidentId } from '../province/provinces.ts';
import { atPath, issue, type Issue } from '../result.ts';
import { checkFreeText } from '../text/sanitize.ts';
import { SUBJECT_FIELDS as F } from '../workspace/layout.ts';
import { acceptsCertificate } from './subject-type.ts';
import type { Address, Subject } from './subject.ts';

/** The literal that says an address has no finer detail (§5.2 [C][T2]). */
export const MOST_DETAILED_ADDRESS = '(已为最详细的地址)';
const NUMBER_TOKEN = /[0-9０-９]|[一二三四五六七八九十百]+[号號栋幢楼室层]/u;
const ADDRESS_SPECIAL = /[#$%^*@!~`|\\{}[\]<>?;:"'=+]/u;

/** SUBJ-2, SUBJ-3: the detail names a street and door number (or says it cannot). */
export function checkAddressDetail(address: Address, path: readonly (string | number)[]): Issue[] {
	const detailPath = [...path, 'detail'];
	const text = checkFreeText(address.detail, { path: detailPath, required: true, max: F['correspondenceAddress.detail'].max });
	if (text.length > 0) return text;
	const detail = address.detail.replace('（已为最详细的地址）', MOST_DETAILED_ADDRESS);
	const issues: Issue[] = [];
	if (!detail.includes(MOST_DETAILED_ADDRESS) && !NUMBER_TOKEN.test(detail)) {
		issues.push(issue('SUBJ-2', 'error', { path: detailPath }));
	}
	if (ADDRESS_SPECIAL.test(detail.replace(MOST_DETAILED_ADDRESS, ''))) issues.push(issue('SUBJ-3', 'warning', { path: detailPath }));
	for (const part of ['city', 'district'] as const) {
		issues.push(...checkFreeText(address[part], { path: [...path, part], required: true, max: F[`correspondenceAddress.${part}`].max }));
	}
	return issues;
}

function certificateIssues(subject: Subject): Issue[] {
	if (!acceptsCertificate(subject.type, subject.certificateType)) {
		return [issue('SUBJ-1', 'error', { path: ['certificateType'], params: { type: subject.type, certificate: subject.certificateType } })];
	}
	if (subject.certificateNumber.trim() === '') return [issue('TEXT-4', 'error', { path: ['certificateNumber'] })];
	return atPath(['certificateNumber'], [...parseCertificateNumber(subject.certificateType, subject.certificateNumber).issues]);
}

function individualIssues(subject: Subject): Issue[] {
	if (subject.type !== 'individual') return [];
	const issues: Issue[] = [];
	const asPerson = { ...subject.leader, certificateType: subject.certificateType, certificateNumber: subject.certificateNumber };
	if (!isSamePerson(asPerson, subject.leader) || subject.name.trim() !== subject.leader.name.trim()) {
		issues.push(issue('SUBJ-5', 'warning', { path: ['leader'] }));
	}
	const home = subject.certificateType === 'resident-id-card' ? provinceOfResidentId(subject.certificateNumber.trim()) : undefined;
	if (home !== undefined && home !== subject.province) {
		issues.push(issue('SUBJ-6', 'warning', { path: ['province'], params: { home, province: subject.province } }));
	}
	return issues;
}

/** Every issue of a subject's own fields, its leader included. Never throws. */
export function checkSubject(subject: Subject, options: { today: IsoDate }): Issue[] {
	const issues: Issue[] = [
		...checkFreeText(subject.name, { path: ['name'], required: true, max: F.name.max }),
		...certificateIssues(subject),
		...checkFreeText(subject.certificateAddress, { path: ['certificateAddress'], required: true, max: F.certificateAddress.max }),
		...checkAddressDetail(subject.correspondenceAddress, ['correspondenceAddress']),
		...checkFreeText(subject.investor, { path: ['investor'], max: F.investor.max }),
		...checkFreeText(subject.remarks, { path: ['remarks'], max: F.remarks.max, multiline: true }),
		...checkPerson(subject.leader, { today: options.today, path: ['leader'] }),
		...individualIssues(subject)
	];
	if (subject.correspondenceAddress.province !== subject.province) {
		issues.push(issue('SUBJ-4', 'warning', { path: ['correspondenceAddress', 'province'] }));
	}
	return issues;
}
