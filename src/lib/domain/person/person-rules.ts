/**
 * Field rules of one person in charge and of the leader/administrator pair (PERSON-1..5),
 * domain-research §5.3. Province-dependent rules (age, validity left, legal representative)
 * live in the province rule data and `province/province-check.ts`.
 */
import { daysBetween, type IsoDate } from '../calendar/iso-date.ts';
import { parseLandline, parseMobile } from '../contact/phone.ts';
import { parseEmail } from '../contact/email.ts';
import { isPersonalCertificate } from '../identity/certificate-type.ts';
import { parseCertificateNumber } from '../identity/certificate-number.ts';
import { atPath, issue, type Issue, type Result } from '../result.ts';
import { checkFreeText } from '../text/sanitize.ts';
import { isSamePerson, type PersonInCharge } from './person.ts';
import { SUBJECT_FIELDS } from '../workspace/layout.ts';

export interface PersonCheckOptions {
	readonly today: IsoDate;
	readonly path?: readonly (string | number)[];
}

function fieldIssues<T>(path: readonly (string | number)[], value: string, parse: (v: string) => Result<T>): Issue[] {
	if (value.trim() === '') return [issue('TEXT-4', 'error', { path })];
	return atPath(path, [...parse(value).issues]);
}

function validityIssues(person: PersonInCharge, today: IsoDate, path: readonly (string | number)[]): Issue[] {
	const until = person.certificateValidUntil;
	if (until === undefined) return [issue('PERSON-3', 'info', { path: [...path, 'certificateValidUntil'] })];
	if (until !== 'long-term' && daysBetween(today, until as IsoDate) < 0) {
		return [issue('PERSON-2', 'error', { path: [...path, 'certificateValidUntil'], params: { date: until } })];
	}
	return [];
}

/** Issues of one person's own fields. Never throws. */
export function checkPerson(person: PersonInCharge, options: PersonCheckOptions): Issue[] {
	const path = options.path ?? [];
	const issues: Issue[] = [...checkFreeText(person.name, { path: [...path, 'name'], required: true, max: SUBJECT_FIELDS['leader.name'].max })];
	if (!isPersonalCertificate(person.certificateType)) {
		issues.push(issue('PERSON-1', 'error', { path: [...path, 'certificateType'] }));
	} else {
		issues.push(...fieldIssues([...path, 'certificateNumber'], person.certificateNumber, (v) => parseCertificateNumber(person.certificateType, v)));
	}
	issues.push(...validityIssues(person, options.today, path));
	issues.push(...fieldIssues([...path, 'mobile'], person.mobile, parseMobile));
	issues.push(...fieldIssues([...path, 'email'], person.email, parseEmail));
	if (person.landline) issues.push(...atPath([...path, 'landline'], [...parseLandline(person.landline).issues]));
	if (person.emergencyPhone) {
		const emergency = parseMobile(person.emergencyPhone);
		const own = parseMobile(person.mobile);
		if (emergency.ok && own.ok && emergency.value.number === own.value.number) {
			issues.push(issue('PERSON-4', 'warning', { path: [...path, 'emergencyPhone'] }));
		}
	}
	return issues;
}

function sameContact(a: string, b: string, parse: (v: string) => string | undefined): boolean {
	const x = parse(a);
	return x !== undefined && x === parse(b);
}

const mobileKey = (v: string) => {
	const r = parseMobile(v);
	return r.ok ? r.value.number : undefined;
};
const emailKey = (v: string) => (v.trim() === '' ? undefined : v.trim().toLowerCase());

/**
 * PERSON-5: when the website administrator is a different person from the subject leader,
 * their mobiles and e-mails must differ [S][H1]. `path` points at the administrator.
 */
export function checkLeaderAdminPair(
	leader: PersonInCharge,
	admin: PersonInCharge,
	path: readonly (string | number)[] = []
): Issue[] {
	if (isSamePerson(leader, admin)) return [];
	const issues: Issue[] = [];
	if (sameContact(leader.mobile, admin.mobile, mobileKey)) issues.push(issue('PERSON-5', 'error', { path: [...path, 'mobile'] }));
	if (sameContact(leader.email, admin.email, emailKey)) issues.push(issue('PERSON-5', 'error', { path: [...path, 'email'] }));
	return issues;
}
