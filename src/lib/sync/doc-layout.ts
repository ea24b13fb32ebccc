/**
 * The layout of a subject workspace's Y.Doc — this table is its documentation. Names, field keys
 * and bounds come from `src/lib/domain/workspace/layout.ts` (shared with the server); field keys
 * are the zod schema's field names, a nested field's path joined with `.`.
 *
 * | top-level name | Y type               | holds |
 * |----------------|----------------------|-------|
 * | `subject`      | Y.Map<key, value>    | the Subject (SubjectSchema): `type`, `certificateType`, `province`, `correspondenceAddress.province`, `leader.certificateType`, `leader.certificateValidUntil`, `leader.birthDate`, `leader.isLegalRepresentative` as plain values; `name` (template 1) and `certificateNumber`, `certificateAddress`, `correspondenceAddress.{city,district,detail}`, `investor`, `leader.{name,certificateNumber,mobile,emergencyPhone,landline,email}`, `remarks` (template 2) as Y.Text |
 * | `websites`     | Y.Map<id, Y.Map>     | one Y.Map per Website (WebsiteSchema + AccessSchema): `id`, `layout` (record layout version), `serviceContent`, `languages`, `preApprovals`, `administrator.certificateType`, `administrator.certificateValidUntil`, `administrator.birthDate`, `administrator.isLegalRepresentative`, `access.ips` as plain values; `name`, `domain`, `homepageUrl`, `administrator.{name,certificateNumber,mobile,emergencyPhone,landline,email}`, `access.{provider,serviceCode,region}`, `remarks` as Y.Text (layout 1) |
 * | `orders`       | Y.Map<id, Y.Map>     | order drafts: `id`, `layout`, `kind`, `created`, `websiteIds`, `targetWebsiteIds`, `documents` (sha256 list) — references into this doc, frozen into an Order when sent |
 * | `attachments`  | Y.Map<sha256, object>| DocumentRef metadata only: `{version, sha256, kind, mime, size, width, height, owner}` — never image bytes |
 *
 * How the Y.Texts come to exist without two devices creating competing ones:
 * - subject: root templates (LAYOUT_TEMPLATES), each built by a scratch doc with its fixed
 *   client id (1, 2, …) so every device produces byte-identical items; `ensureLayout` applies
 *   those the doc lacks. Published templates are frozen and their bytes pinned in a test.
 * - websites, orders: the creating device writes every Y.Text of the current record layout in
 *   the creating transaction. A later layout version's fields are added by
 *   `ensureRecordLayout` as client `recordLayoutClientId(aggregate, id, version)`, so two devices
 *   adding them offline produce identical items.
 * Client ids ≤ 1023 and ≥ 2^32 are reserved for these items (the room refuses other updates
 * from them, ROOM-5); `ensureLayout` re-rolls a device's random id that falls there.
 *
 * Server-owned facts (order status, review decisions, filing numbers) live in a separate doc per
 * subject (room `ws-<subjectId>_facts`) that only the server writes and clients sync read-only:
 *
 * | top-level name | Y type | holds |
 * |----------------|--------|-------|
 * | `subject`      | Y.Map  | `{ id, certificateType, certificateNumber, boundAt }` — the binding |
 * | `orders`       | Y.Map  | per order id: status, review decisions, filing numbers (later issues) |
 */
import * as Y from 'yjs';
import {
	FACTS_ROOT,
	FACTS_SUBJECT_KEY,
	LAYOUT_TEMPLATES,
	RECORD_KEY,
	RECORD_LAYOUTS,
	TEMPLATE_CLIENT_ID_MAX,
	WORKSPACE_ROOT,
	currentRecordLayout,
	isReservedClientId,
	recordLayoutClientId,
	recordTextsUpTo,
	type LayoutTemplate,
	type RecordAggregate
} from '../domain/workspace/layout.ts';

export const ROOT = WORKSPACE_ROOT;

/** Transaction origin of layout items (not a person's edit: undo managers ignore it). */
export const LAYOUT_ORIGIN = 'layout';

export function subjectMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.subject);
}

/** The encoded items of one root template, as every device builds them. */
export function templateUpdate(template: LayoutTemplate): Uint8Array {
	const scratch = new Y.Doc();
	scratch.clientID = template.clientId;
	const map = scratch.getMap(template.root);
	scratch.transact(() => {
		for (const key of template.texts) map.set(key, new Y.Text());
	});
	const update = Y.encodeStateAsUpdate(scratch);
	scratch.destroy();
	return update;
}

/**
 * Applies every root template the doc does not have yet, and gives this device a client id of
 * its own when its random one is reserved. Idempotent.
 */
export function ensureLayout(doc: Y.Doc): void {
	if (isReservedClientId(doc.clientID)) doc.clientID = TEMPLATE_CLIENT_ID_MAX + 1 + Math.floor(Math.random() * (2 ** 32 - TEMPLATE_CLIENT_ID_MAX - 2));
	const present = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const template of LAYOUT_TEMPLATES) {
		if (present.has(template.clientId)) continue;
		Y.applyUpdate(doc, templateUpdate(template), LAYOUT_ORIGIN);
	}
}

/** The map of records (websites or orders). */
export function recordsMap(doc: Y.Doc, aggregate: RecordAggregate): Y.Map<unknown> {
	return doc.getMap(ROOT[aggregate]);
}

/** One record's Y.Map, or undefined when there is none (or a wrong-typed value) under `id`. */
export function recordMap(doc: Y.Doc, aggregate: RecordAggregate, id: string): Y.Map<unknown> | undefined {
	const value = recordsMap(doc, aggregate).get(id);
	return value instanceof Y.Map ? value : undefined;
}

/** Creates a record with every Y.Text of the current layout, in one transaction (the caller's). */
export function createRecord(doc: Y.Doc, aggregate: RecordAggregate, id: string, values: Record<string, unknown> = {}): Y.Map<unknown> {
	const layout = currentRecordLayout(aggregate);
	const record = new Y.Map<unknown>();
	doc.transact(() => {
		record.set(RECORD_KEY.id, id);
		record.set(RECORD_KEY.layout, layout);
		for (const key of recordTextsUpTo(aggregate, layout)) record.set(key, new Y.Text());
		for (const [key, value] of Object.entries(values)) if (value !== undefined) record.set(key, value);
		recordsMap(doc, aggregate).set(id, record);
	});
	return record;
}

/**
 * Adds the Y.Texts of every record layout newer than the one the record was created with, each
 * version as its own derived client id (identical on every device). Idempotent; a no-op while
 * there is only one layout version.
 */
export function ensureRecordLayout(
	doc: Y.Doc,
	aggregate: RecordAggregate,
	id: string,
	layouts: readonly { version: number; texts: readonly string[] }[] = RECORD_LAYOUTS[aggregate]
): void {
	const record = recordMap(doc, aggregate, id);
	const created = record?.get(RECORD_KEY.layout);
	if (!record || typeof created !== 'number') return;
	const present = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const layout of layouts) {
		const clientId = recordLayoutClientId(aggregate, id, layout.version);
		if (layout.version <= created || present.has(clientId) || layout.texts.length === 0) continue;
		// A scratch copy writes as the derived client: the live doc keeps its own id. Every key of
		// the version is written, in order, so each device makes the same items (no binding ever
		// writes a later version's key before this ran).
		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
		scratch.clientID = clientId;
		const target = scratch.getMap(ROOT[aggregate]).get(id) as Y.Map<unknown>;
		scratch.transact(() => {
			for (const key of layout.texts) target.set(key, new Y.Text());
		});
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(doc)), LAYOUT_ORIGIN);
		scratch.destroy();
	}
}

/** The facts doc's id on this device and its room suffix: `<subjectId>_facts`. */
export function factsDocId(subjectId: string): string {
	return `${subjectId}_facts`;
}

/** When the server bound the subject to its account (ISO string), or null when not yet known here. */
export function readBoundAt(facts: Y.Doc): string | null {
	const value = facts.getMap(FACTS_ROOT.subject).get(FACTS_SUBJECT_KEY.boundAt);
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The attachments map: sha256 → plain DocumentRef object (metadata only, never bytes). */
export function attachmentsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.attachments);
}
