/**
 * `npm run admin -- import-legacy <file>`: the legacy HiChina dataset into the legacy store.
 * JSON lines (one subject a line) or CSV (one row per website, the subject columns repeated).
 * Every row is checked on its own (LEG-6) and refused rows are reported with their line and
 * reason; passwords are hashed at import (the accounts' scrypt) and never kept in clear. A
 * stored filing shows in the public registry (under `legacy:<id>` until it attaches). A
 * subject's id derives from its certificate, so importing the same file again adds nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod/mini';
import { parseEmail } from '../../../src/lib/domain/contact/email.ts';
import { parseDomain } from '../../../src/lib/domain/domain-name/domain.ts';
import { certificateKey, normalizeCertificate } from '../../../src/lib/domain/identity/certificate-number.ts';
import { isCertificateType } from '../../../src/lib/domain/identity/certificate-type.ts';
import { PROVINCE_CODES } from '../../../src/lib/domain/province/provinces.ts';
import { acceptsCertificate, SUBJECT_TYPES } from '../../../src/lib/domain/subject/subject-type.ts';
import { hashPassword, type ScryptCost } from '../accounts/passwords.ts';
import type { LegacySubjectRecord, LegacySubjectStore } from '../storage/legacy/legacy-stores.ts';
import type { RegistryStore } from '../storage/review/review-stores.ts';
import { legacyRegistryKey, registryEntries } from './legacy-desk.ts';

const text = (max: number) => z.string().check(z.maxLength(max));

/** One legacy subject as the dataset gives it (a JSON line, or CSV rows grouped). */
export const LegacyRowSchema = z.object({
	loginId: z.optional(text(100)),
	loginEmail: z.optional(text(254)),
	password: z.optional(text(256)),
	subjectType: z.enum(SUBJECT_TYPES),
	certificateType: text(64),
	certificateNumber: text(64),
	name: text(100).check(z.minLength(1)),
	province: z.enum(PROVINCE_CODES),
	filedOn: z.iso.date(),
	websites: z.array(z.object({ domain: text(253), name: text(100).check(z.minLength(1)), number: text(64) })).check(z.maxLength(100))
});
export type LegacyRow = z.infer<typeof LegacyRowSchema>;

export interface ImportReport {
	readonly added: number;
	readonly existing: number;
	/** 1-based line numbers of the file (the first line of a CSV group). */
	readonly refused: readonly { readonly line: number; readonly reason: string }[];
}

const WEBSITE_NUMBER = /^(.{1,2}ICP备\d{4,12}号)-(\d{1,3})$/u;
const CSV_COLUMNS = ['loginId', 'loginEmail', 'password', 'subjectType', 'certificateType', 'certificateNumber', 'name', 'province', 'filedOn', 'domain', 'websiteName', 'websiteNumber'] as const;

/** Parses one CSV line (RFC 4180 quotes, no line breaks inside fields). */
function csvFields(line: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted && c === '"' && line[i + 1] === '"') {
			field += '"';
			i++;
		} else if (c === '"') {
			quoted = !quoted;
		} else if (c === ',' && !quoted) {
			fields.push(field);
			field = '';
		} else {
			field += c;
		}
	}
	fields.push(field);
	return fields;
}

/** The file's subjects with their line numbers; lines that cannot be read become refusals. */
export function readLegacyFile(content: string): { rows: { line: number; input: unknown }[]; refused: { line: number; reason: string }[] } {
	const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
	const rows: { line: number; input: unknown }[] = [];
	const refused: { line: number; reason: string }[] = [];
	const first = lines.find((l) => l.trim() !== '') ?? '';
	if (first.trim().startsWith('{')) {
		lines.forEach((l, i) => {
			if (l.trim() === '') return;
			try {
				rows.push({ line: i + 1, input: JSON.parse(l) });
			} catch {
				refused.push({ line: i + 1, reason: 'not a JSON object' });
			}
		});
		return { rows, refused };
	}
	const header = csvFields(first).map((h) => h.trim());
	const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
	if (missing.length > 0) return { rows, refused: [{ line: 1, reason: `CSV header lacks ${missing.join(', ')}` }] };
	const groups = new Map<string, { line: number; input: Record<string, unknown> & { websites: unknown[] } }>();
	lines.forEach((l, i) => {
		if (i <= lines.indexOf(first) || l.trim() === '') return;
		const values = csvFields(l);
		if (values.length !== header.length) return void refused.push({ line: i + 1, reason: `expected ${header.length} columns, found ${values.length}` });
		const cell = (name: string) => (values[header.indexOf(name)] ?? '').trim();
		const key = [cell('certificateType'), cell('certificateNumber'), cell('loginId')].join('\u0000');
		const group = groups.get(key) ?? { line: i + 1, input: { ...Object.fromEntries(CSV_COLUMNS.slice(0, 9).map((c) => [c, cell(c)])), websites: [] } };
		if (cell('domain') !== '') group.input.websites.push({ domain: cell('domain'), name: cell('websiteName'), number: cell('websiteNumber') });
		groups.set(key, group);
	});
	rows.push(...groups.values());
	return { rows, refused };
}

/** Checks one subject (LEG-6); the record without its password hash, or the reason it is refused. */
export function checkLegacyRow(input: unknown): { ok: true; row: LegacyRow; subjectNumber: string; id: string } | { ok: false; reason: string } {
	const parsed = LegacyRowSchema.safeParse(input);
	if (!parsed.success) return { ok: false, reason: `fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(row)'))].join(', ')}` };
	const row = parsed.data;
	const login = [row.loginId ?? '', row.loginEmail ?? '', row.password ?? ''];
	if (login.some((v) => v !== '') && login.some((v) => v === '')) return { ok: false, reason: 'login ID, login e-mail and password are all given or all empty' };
	if (row.loginEmail && !parseEmail(row.loginEmail).ok) return { ok: false, reason: 'login e-mail is not valid' };
	if (!isCertificateType(row.certificateType) || !acceptsCertificate(row.subjectType, row.certificateType)) return { ok: false, reason: `certificate type ${row.certificateType} does not fit subject type ${row.subjectType}` };
	const canonical = normalizeCertificate(row.certificateType, row.certificateNumber);
	if (!canonical.ok) return { ok: false, reason: 'certificate number is not valid' };
	if (row.websites.length === 0) return { ok: false, reason: 'no website' };
	let subjectNumber: string | null = null;
	for (const [i, w] of row.websites.entries()) {
		if (!parseDomain(w.domain).ok) return { ok: false, reason: `website ${i + 1}: domain is not valid` };
		const m = WEBSITE_NUMBER.exec(w.number);
		if (!m) return { ok: false, reason: `website ${i + 1}: filing number is not of the form 浙ICP备12345678号-1` };
		if (subjectNumber !== null && m[1] !== subjectNumber) return { ok: false, reason: `website ${i + 1}: filing number belongs to another subject` };
		subjectNumber = m[1] ?? null;
	}
	const id = `legacy-${createHash('sha256').update(certificateKey(canonical.value)).digest('hex').slice(0, 16)}`;
	return { ok: true, row: { ...row, certificateType: canonical.value.type, certificateNumber: canonical.value.number }, subjectNumber: subjectNumber ?? '', id };
}

/** Checks and stores every subject of the file's content; refused ones are reported, the rest stored. */
export async function importLegacy(store: LegacySubjectStore, content: string, options: { scryptCost: ScryptCost; demo?: boolean; registry: RegistryStore }): Promise<ImportReport> {
	const read = readLegacyFile(content);
	const refused = [...read.refused];
	let added = 0;
	let existing = 0;
	for (const { line, input } of read.rows) {
		const checked = checkLegacyRow(input);
		if (!checked.ok) {
			refused.push({ line, reason: checked.reason });
			continue;
		}
		const { row } = checked;
		const record: LegacySubjectRecord = {
			id: checked.id,
			login: row.loginId && row.loginEmail && row.password ? { loginId: row.loginId, email: row.loginEmail, passwordHash: await hashPassword(row.password, options.scryptCost) } : null,
			subjectType: row.subjectType,
			certificateType: row.certificateType,
			certificateNumber: row.certificateNumber,
			name: row.name,
			province: row.province,
			subjectNumber: checked.subjectNumber,
			filedOn: row.filedOn,
			websites: row.websites,
			demo: options.demo ?? false,
			attachedTo: null
		};
		const outcome = await store.add(record);
		if (outcome === 'added') {
			added++;
			await options.registry.replace(legacyRegistryKey(record.id), registryEntries(record));
		}
		else if (outcome === 'id-taken') existing++;
		else refused.push({ line, reason: outcome === 'login-taken' ? 'login ID is taken by another subject' : 'a filing number is taken by another subject' });
	}
	refused.sort((a, b) => a.line - b.line);
	return { added, existing, refused };
}
