/**
 * The layout of a subject workspace's Y.Doc. Keep this in step with the zod schemas in
 * `src/lib/domain` — field keys are the schema's field names:
 *
 * | top-level name | Y type                  | holds                                            |
 * |----------------|-------------------------|--------------------------------------------------|
 * | `subject`      | Y.Map<field, value>     | the Subject aggregate; free text as Y.Text        |
 * | `websites`     | Y.Map<id, Y.Map>        | one Y.Map per Website, same field rule             |
 * | `orders`       | Y.Map<id, Y.Map>        | draft orders                                       |
 * | `attachments`  | Y.Map<sha256, Y.Map>    | DocumentRef metadata only: `{sha256, mime, size, width, height, kind}` — never image bytes |
 *
 * Server-owned facts (order status, review decisions, filing numbers) do not live here: they
 * come from a separate doc per subject (room `ws-<subjectId>_facts`) that only the server
 * writes and clients sync read-only:
 *
 * | top-level name | Y type    | holds                                                        |
 * |----------------|-----------|--------------------------------------------------------------|
 * | `subject`      | Y.Map     | `{ id, certificateType, certificateNumber, boundAt }` — the binding |
 * | `orders`       | Y.Map     | per order id: status, review decisions, filing numbers (later issues) |
 */
import * as Y from 'yjs';

export const ROOT = {
	subject: 'subject',
	websites: 'websites',
	orders: 'orders',
	attachments: 'attachments'
} as const;

/** Subject fields that are free text and therefore Y.Text. */
export const SUBJECT_TEXT_FIELDS = ['name'] as const;
export type SubjectTextField = (typeof SUBJECT_TEXT_FIELDS)[number];

export function subjectMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.subject);
}

/**
 * Layout templates. Each is built by a Y.Doc with a fixed client id, so every device that
 * applies a template produces byte-identical items: two devices that initialise the same
 * workspace offline do not create two competing Y.Texts for one field (which would lose the
 * text typed into the loser). Never change a published template; add a new one with the next
 * fixed client id for new fields.
 */
const LAYOUT_TEMPLATES: readonly { clientId: number; build: (doc: Y.Doc) => void }[] = [
	{
		clientId: 1,
		build: (doc) => {
			const subject = doc.getMap(ROOT.subject);
			for (const field of SUBJECT_TEXT_FIELDS) subject.set(field, new Y.Text());
		}
	}
];

/** Applies every layout template the doc does not have yet. Idempotent. */
export function ensureLayout(doc: Y.Doc): void {
	const present = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const template of LAYOUT_TEMPLATES) {
		if (present.has(template.clientId)) continue;
		const scratch = new Y.Doc();
		scratch.clientID = template.clientId;
		template.build(scratch);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), 'layout');
		scratch.destroy();
	}
}

/** The Y.Text of a free-text subject field (the layout guarantees it exists). */
export function subjectText(doc: Y.Doc, field: SubjectTextField): Y.Text {
	ensureLayout(doc);
	const value = subjectMap(doc).get(field);
	if (value instanceof Y.Text) return value;
	throw new Error(`workspace doc has no Y.Text at subject.${field}`);
}

/** The facts doc's id on this device and its room suffix: `<subjectId>_facts`. */
export function factsDocId(subjectId: string): string {
	return `${subjectId}_facts`;
}

/** When the server bound the subject to its account (ISO string), or null when not yet known here. */
export function readBoundAt(facts: Y.Doc): string | null {
	const value = facts.getMap(ROOT.subject).get('boundAt');
	return typeof value === 'string' || typeof value === 'number' ? new Date(value).toISOString() : null;
}

/** The attachments map: sha256 → plain DocumentRef object (metadata only, never bytes). */
export function attachmentsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.attachments);
}

/** Every attachment reference in the doc, as stored (the caller parses each with zod). */
export function readAttachments(doc: Y.Doc): unknown[] {
	return [...attachmentsMap(doc).values()];
}

/** Adds or replaces a reference under its sha256 (a DocumentRef already checked by the caller). */
export function putAttachment(doc: Y.Doc, ref: { sha256: string }): void {
	attachmentsMap(doc).set(ref.sha256, { ...ref });
}
