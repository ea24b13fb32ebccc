import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../../../../src/lib/domain/document/document-ref.ts';
import type { RequiredDocument } from '../../../../src/lib/domain/document/required-documents.ts';
import { attachmentFor, slotKey, slotRef, slotsOf, slotView, uploadStatusOf, type SlotTransfer } from '../../../../src/lib/domain/document/slot-state.ts';
import { issue } from '../../../../src/lib/domain/result.ts';
import { makeDocument } from '../../../support/factories.ts';

const front: RequiredDocument = { kind: 'id-front', owner: 'subject-leader', rules: ['DOC-7'] };
const adminFront: RequiredDocument = { kind: 'id-front', owner: 'website-admin', websiteId: 'w1', rules: ['DOC-8'] };
const good = { blurScore: 1300, meanLuma: 170, highlightShare: 0, shadowShare: 0, isColour: true, meanChroma: 10, coverage: 0.5 };
const ref = (overrides: Partial<DocumentRef> = {}): DocumentRef =>
	makeDocument({ kind: 'id-front', owner: 'subject-leader', mime: 'image/jpeg', size: 200_000, width: 1600, height: 1200, quality: good, ...overrides });
const transfer = (overrides: Partial<SlotTransfer> = {}): SlotTransfer => ({ direction: 'upload', state: 'active', bytesSent: 0, size: 200_000, lastError: null, ...overrides });
const base = { capture: null, transfer: null, syncs: true };

describe('document slots', () => {
	it('DOC-16 a slot is filled by the attachment of its kind, owner and website only', () => {
		const mine = ref({ sha256: 'a'.repeat(64) });
		const admin = ref({ sha256: 'b'.repeat(64), owner: 'website-admin', websiteId: 'w1' });
		const otherSite = ref({ sha256: 'c'.repeat(64), owner: 'website-admin', websiteId: 'w2' });
		expect(attachmentFor(front, [admin, otherSite, mine])?.sha256).toBe(mine.sha256);
		expect(attachmentFor(adminFront, [otherSite, admin])?.sha256).toBe(admin.sha256);
		expect(attachmentFor(adminFront, [otherSite, mine])).toBeNull();
	});

	it('DOC-7 one slot per required document: a document asked for by two rules is one slot with both', () => {
		const cert: RequiredDocument = { kind: 'subject-certificate', owner: 'subject', rules: ['DOC-6'] };
		const slots = slotsOf([cert, front, { ...cert, rules: ['DOC-6', 'DOC-15'] }]);
		expect(slots.map(slotKey)).toEqual(['subject-certificate/subject//', 'id-front/subject-leader//']);
		expect(slots[0]?.rules).toEqual(['DOC-6', 'DOC-15']);
	});

	it('an empty slot is empty, with no upload state', () => {
		expect(slotView({ ref: null, ...base })).toEqual({ status: 'empty', issues: [], upload: { state: 'none' } });
	});

	it('a running capture shows checking, even over an attached photo', () => {
		expect(slotView({ ...base, ref: ref(), capture: { state: 'checking' } }).status).toBe('checking');
	});

	it('IMG-5 a refused capture shows refused with the rule that says what to do', () => {
		const blur = issue('IMG-5', 'error', { path: ['quality', 'blurScore'] });
		const view = slotView({ ...base, ref: null, capture: { state: 'refused', issues: [blur] } });
		expect(view.status).toBe('refused');
		expect(view.issues.map((i) => i.rule)).toEqual(['IMG-5']);
	});

	it('IMG-7 an attached dark photo is accepted with a warning', () => {
		const view = slotView({ ...base, ref: ref({ quality: { ...good, meanLuma: 40 } }) });
		expect(view.status).toBe('warned');
		expect(view.issues.map((i) => i.rule)).toEqual(['IMG-7']);
	});

	it('IMG-4 an attached greyscale photo (from an older device) is refused', () => {
		const view = slotView({ ...base, ref: ref({ quality: { ...good, meanChroma: 0, isColour: false } }) });
		expect(view).toMatchObject({ status: 'refused' });
		expect(view.issues.map((i) => i.rule)).toEqual(['IMG-4']);
	});

	it('a sharp, well-lit photo is accepted without issues', () => {
		expect(slotView({ ...base, ref: ref() })).toMatchObject({ status: 'accepted', issues: [] });
	});

	it('upload states: waiting for the network, uploading n %, on the server, failed with its code, sign in', () => {
		const attached = ref();
		const of = (t: SlotTransfer | null, syncs = true) => uploadStatusOf({ ref: attached, transfer: t, syncs });
		expect(of(transfer({ state: 'queued' }))).toEqual({ state: 'waiting' });
		expect(of(transfer({ state: 'waiting', lastError: 'offline' }))).toEqual({ state: 'waiting' });
		expect(of(transfer({ bytesSent: 50_000 }))).toEqual({ state: 'uploading', percent: 25 });
		expect(of(transfer({ bytesSent: 200_000 }))).toEqual({ state: 'uploading', percent: 99 });
		expect(of(transfer({ state: 'done', bytesSent: 200_000 }))).toEqual({ state: 'on-server' });
		expect(of(transfer({ state: 'failed', lastError: 'malformed-file' }))).toEqual({ state: 'failed', code: 'malformed-file' });
		expect(of(transfer({ state: 'blocked' }))).toEqual({ state: 'sign-in' });
		expect(of(null)).toEqual({ state: 'on-server' });
		expect(of(transfer({ direction: 'download', state: 'active' }))).toEqual({ state: 'on-server' });
		expect(of(null, false)).toEqual({ state: 'local' });
		expect(uploadStatusOf({ ref: null, transfer: transfer(), syncs: true })).toEqual({ state: 'none' });
	});

	it('DOC-16 a prepared photo becomes the reference that fills exactly its slot (kind, owner, website), with its measured quality', () => {
		const metadata = { mime: 'image/jpeg', size: 210_000, width: 1600, height: 1000, quality: good };
		const made = slotRef({ sha256: 'd'.repeat(64), size: 210_000, metadata }, adminFront);
		expect(made).toMatchObject({ sha256: 'd'.repeat(64), kind: 'id-front', owner: 'website-admin', websiteId: 'w1', size: 210_000, quality: good });
		expect(attachmentFor(adminFront, [made])).toBe(made);
		expect(attachmentFor(front, [made])).toBeNull();
		expect('websiteId' in slotRef({ sha256: 'e'.repeat(64), size: 1, metadata }, front)).toBe(false);
	});
});
