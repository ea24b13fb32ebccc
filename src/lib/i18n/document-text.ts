/**
 * Words for the document checklist: each required document's label and the reason it is asked
 * for (from the rule that requires it, with the website and province it concerns), the facts
 * the matrix still needs, and the slot and upload states. zh-CN first, English second.
 */
import type { DocumentKind, DocumentOwner } from '../domain/document/document-ref.ts';
import type { MissingFact } from '../domain/document/draft-facts.ts';
import type { RequiredDocument } from '../domain/document/required-documents.ts';
import type { SlotStatus, UploadStatus } from '../domain/document/slot-state.ts';
import type { ApplicantRole } from '../domain/account-request/account-request.ts';
import type { ProvinceCode } from '../domain/province/provinces.ts';
import { describeApiError } from './api-errors.ts';
import * as messages from './paraglide/messages/_index.js';
import { m } from './paraglide/messages.js';

type Fn = (inputs?: Record<string, unknown>) => string;
const catalogue = messages as unknown as Record<string, Fn | undefined>;
const key = (text: string) => text.replaceAll('-', '_');

function say(name: string, inputs: Record<string, unknown> = {}): string | null {
	const fn = catalogue[name];
	return fn ? fn(inputs) : null;
}

export function provinceLabel(code: ProvinceCode): string {
	return say(`slots_province_${code}`) ?? code;
}

export { operationLabel } from './operation-labels.ts';

export function applicantRoleLabel(role: ApplicantRole): string {
	return say(`slots_role_${key(role)}`) ?? role;
}

const WHO: Record<DocumentOwner, () => string> = {
	subject: () => m.slots_who_subject(),
	'subject-leader': () => m.slots_who_subject_leader(),
	'website-admin': () => m.slots_who_website_admin(),
	applicant: () => m.slots_who_applicant()
};

/** What the document is, e.g. 主体负责人证件正面（人像面）. */
export function kindLabel(kind: DocumentKind, owner: DocumentOwner): string {
	return say(`slots_kind_${key(kind)}`, { who: WHO[owner]() }) ?? kind;
}

export interface DocumentContext {
	/** Website names by id ('' when unnamed). */
	readonly websiteNames: Readonly<Record<string, string>>;
	readonly province?: ProvinceCode;
}

function siteName(need: RequiredDocument, context: DocumentContext): string {
	const name = need.websiteId ? context.websiteNames[need.websiteId] : undefined;
	return name && name.trim() !== '' ? name : m.slots_website_unnamed();
}

/** The label with the website it is for, when it is for one. */
export function documentLabel(need: RequiredDocument, context: DocumentContext): string {
	const label = kindLabel(need.kind, need.owner);
	return need.websiteId ? `${label} · ${m.slots_for_website({ site: siteName(need, context) })}` : label;
}

/** Why the document is needed, in words, from the first DOC rule that asks for it. */
export function documentReason(need: RequiredDocument, context: DocumentContext): string {
	const inputs = { site: siteName(need, context), province: context.province ? provinceLabel(context.province) : '' };
	for (const rule of need.rules) {
		const text = rule.startsWith('DOC-') ? say(`slots_reason_${key(rule)}`, inputs) : null;
		if (text) return text;
	}
	return kindLabel(need.kind, need.owner);
}

export function missingFactLabel(fact: MissingFact, websiteNames: Readonly<Record<string, string>>): string {
	if ('websiteId' in fact) {
		const site = websiteNames[fact.websiteId]?.trim() || m.slots_website_unnamed();
		return fact.fact === 'admin-certificate-type' ? m.slots_fact_admin_certificate_type({ site }) : m.slots_fact_admin_is_legal_representative({ site });
	}
	return say(`slots_fact_${key(fact.fact)}`) ?? fact.fact;
}

const STATUS: Record<SlotStatus, () => string> = {
	empty: () => m.slots_status_empty(),
	checking: () => m.slots_status_checking(),
	accepted: () => m.slots_status_accepted(),
	warned: () => m.slots_status_warned(),
	refused: () => m.slots_status_refused()
};

export function slotStatusText(status: SlotStatus): string {
	return STATUS[status]();
}

/** The upload state in words; null when there is no photo. */
export function uploadStatusText(upload: UploadStatus): string | null {
	switch (upload.state) {
		case 'none':
			return null;
		case 'local':
			return m.slots_upload_local();
		case 'waiting':
			return m.slots_upload_waiting();
		case 'sign-in':
			return m.slots_upload_sign_in();
		case 'uploading':
			return m.slots_upload_uploading({ percent: upload.percent });
		case 'on-server':
			return m.slots_upload_on_server();
		case 'failed':
			return upload.code ? m.slots_upload_failed_reason({ reason: describeApiError({ ok: false, error: upload.code, status: 0 }) }) : m.slots_upload_failed();
	}
}
