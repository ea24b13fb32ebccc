/**
 * The workspace doc's layout as data, shared by the app (`src/lib/sync/doc-layout.ts` builds
 * it with Yjs) and the sync server (attachment index, facts writer, layout guard, field bounds).
 * No Yjs here: the server imports only the domain and `src/lib/sync/protocol.ts`.
 *
 * Each aggregate is one Y.Map of flat field keys: a nested schema field is keyed by its path
 * joined with `.` (`leader.name`, `access.ips`). Free text is a Y.Text (merges character by
 * character); every other field is a plain value (last writer wins) that the binding parses
 * with the field's zod schema.
 */
import { z } from 'zod/mini';
import { CERTIFICATE_TYPES } from '../identity/certificate-type.ts';
import { CANCELLATION_REASON_CODES, CANCELLATION_REASON_TEXT_MAX } from '../operation/cancellation.ts';
import { OPERATION_KINDS } from '../operation/operation-kind.ts';
import { AcknowledgedWarningsSchema, ACKNOWLEDGMENTS_MAX } from '../order/acknowledgment.ts';
import { PROVINCE_CODES } from '../province/provinces.ts';
import { SUBJECT_TYPES } from '../subject/subject-type.ts';
import { PRE_APPROVAL_CATEGORIES, SERVICE_CONTENTS } from '../website/website.ts';

/** Top-level shared types of a subject's workspace doc (`ws-<subjectId>`). */
export const WORKSPACE_ROOT = {
	subject: 'subject',
	websites: 'websites',
	orders: 'orders',
	attachments: 'attachments'
} as const;

/** Top-level shared types of the server-written facts doc (`ws-<subjectId>_facts`). */
export const FACTS_ROOT = { subject: 'subject', orders: 'orders', approved: 'approved' } as const;

/** Keys of the facts doc's `subject` map, written by the server when the subject is bound. */
export const FACTS_SUBJECT_KEY = {
	id: 'id',
	certificateType: 'certificateType',
	certificateNumber: 'certificateNumber',
	boundAt: 'boundAt'
} as const;

/** A free-text field: a Y.Text of at most `max` characters; line breaks only when `multiline`. */
export interface TextFieldSpec {
	readonly kind: 'text';
	readonly max: number;
	readonly multiline: boolean;
}

/** A plain value (choice, flag, date, list), parsed with `schema`; `undefined` when unset. */
export interface ValueFieldSpec {
	readonly kind: 'value';
	readonly schema: z.ZodMiniType;
	/** Largest JSON encoding the room accepts for the value (a bound, not a filing rule). */
	readonly maxJson: number;
}

export type FieldSpec = TextFieldSpec | ValueFieldSpec;

const text = (max: number, multiline = false): TextFieldSpec => ({ kind: 'text', max, multiline });
const value = (schema: z.ZodMiniType, maxJson = 256): ValueFieldSpec => ({ kind: 'value', schema, maxJson });
const choice = (options: readonly [string, ...string[]]) => value(z.enum(options));
const dateOrLongTerm = value(z.union([z.iso.date(), z.literal('long-term')]));
const flag = value(z.boolean());
const shortList = (maxItems: number, itemMax: number) => value(z.array(z.string().check(z.maxLength(itemMax))).check(z.maxLength(maxItems)), maxItems * (itemMax + 3) + 2);

const PERSON_TEXTS = { name: 50, certificateNumber: 64, mobile: 32, emergencyPhone: 32, landline: 32, email: 254 } as const;
type PersonTextKey = keyof typeof PERSON_TEXTS;
type PersonValueKey = 'certificateType' | 'certificateValidUntil' | 'birthDate' | 'isLegalRepresentative';
type PersonFields<P extends string> = { readonly [K in PersonTextKey as `${P}.${K}`]: TextFieldSpec } & {
	readonly [K in PersonValueKey as `${P}.${K}`]: ValueFieldSpec;
};

/** The fields of a person in charge (leader, administrator), under a key prefix. */
function personFields<P extends string>(prefix: P): PersonFields<P> {
	const values: Record<PersonValueKey, ValueFieldSpec> = {
		certificateType: choice(CERTIFICATE_TYPES),
		certificateValidUntil: dateOrLongTerm,
		birthDate: value(z.iso.date()),
		isLegalRepresentative: flag
	};
	const fields: Record<string, FieldSpec> = {};
	for (const [key, max] of Object.entries(PERSON_TEXTS)) fields[`${prefix}.${key}`] = text(max);
	for (const [key, spec] of Object.entries(values)) fields[`${prefix}.${key}`] = spec;
	return fields as PersonFields<P>;
}

/**
 * The subject map's fields (SubjectSchema): key → spec. The maxima are the domain's text bounds:
 * the subject and website rules check the same numbers, the app never writes more, and the room
 * drops an update that does (ROOM-6).
 */
export const SUBJECT_FIELDS = Object.freeze({
	type: choice(SUBJECT_TYPES),
	certificateType: choice(CERTIFICATE_TYPES),
	certificateNumber: text(64),
	name: text(100),
	province: choice(PROVINCE_CODES),
	certificateAddress: text(200),
	'correspondenceAddress.province': choice(PROVINCE_CODES),
	'correspondenceAddress.city': text(50),
	'correspondenceAddress.district': text(50),
	'correspondenceAddress.detail': text(200),
	investor: text(100),
	...personFields('leader'),
	remarks: text(1000, true)
} satisfies Record<string, FieldSpec>);

export type SubjectFieldKey = keyof typeof SUBJECT_FIELDS;

const preApprovals = value(
	z
		.array(
			z.object({
				category: z.enum(PRE_APPROVAL_CATEGORIES),
				number: z.string().check(z.maxLength(64)),
				documentSha256: z.optional(z.string().check(z.maxLength(64)))
			})
		)
		.check(z.maxLength(PRE_APPROVAL_CATEGORIES.length)),
	4096
);

/** Each website map's fields (WebsiteSchema, access information as AccessSchema). */
export const WEBSITE_FIELDS = Object.freeze({
	name: text(50),
	domain: text(253),
	homepageUrl: text(500),
	serviceContent: value(z.array(z.enum(SERVICE_CONTENTS)).check(z.maxLength(SERVICE_CONTENTS.length))),
	languages: shortList(32, 35),
	preApprovals,
	...personFields('administrator'),
	'access.provider': text(64),
	'access.serviceCode': text(64),
	'access.ips': shortList(64, 45),
	'access.region': text(64),
	remarks: text(1000, true)
} satisfies Record<string, FieldSpec>);

export type WebsiteFieldKey = keyof typeof WEBSITE_FIELDS;

/** Each order draft's fields: the operation and what it refers to (ids in the same doc). */
export const ORDER_FIELDS = Object.freeze({
	kind: choice(OPERATION_KINDS),
	created: value(z.iso.datetime({ offset: true })),
	websiteIds: shortList(50, 64),
	targetWebsiteIds: shortList(50, 64),
	documents: shortList(500, 64),
	/** Warnings acknowledged before sending (ORDER-2): `{ rule, by, at }[]`. */
	acknowledgedWarnings: value(AcknowledgedWarningsSchema, ACKNOWLEDGMENTS_MAX * 200),
	/** Cancel kinds (ORDER-3): the reason from the short list, and free text (layout version 2). */
	'cancellationReason.code': choice(CANCELLATION_REASON_CODES),
	'cancellationReason.text': text(CANCELLATION_REASON_TEXT_MAX, true)
} satisfies Record<string, FieldSpec>);

export type OrderFieldKey = keyof typeof ORDER_FIELDS;

/** Keys every record map (website, order) carries besides its fields. */
export const RECORD_KEY = {
	/** The record's id (also its key in the aggregate map). */
	id: 'id',
	/** The record layout version the creating device wrote (see {@link RECORD_LAYOUTS}). */
	layout: 'layout'
} as const;

/**
 * Root-level layout templates: the Y.Texts of the subject map, each template built by a Y.Doc
 * with its fixed client id so every device produces byte-identical items (two devices that
 * initialise one workspace offline do not create competing Y.Texts). FROZEN: a published
 * template never changes (its bytes are pinned in tests/unit/sync/doc-layout.spec.ts); a new
 * subject text field goes into a new template with the next client id.
 */
export const LAYOUT_TEMPLATES = Object.freeze([
	Object.freeze({ clientId: 1, root: WORKSPACE_ROOT.subject, texts: Object.freeze(['name'] as const) }),
	Object.freeze({
		clientId: 2,
		root: WORKSPACE_ROOT.subject,
		texts: Object.freeze([
			'certificateNumber',
			'certificateAddress',
			'correspondenceAddress.city',
			'correspondenceAddress.district',
			'correspondenceAddress.detail',
			'investor',
			'leader.name',
			'leader.certificateNumber',
			'leader.mobile',
			'leader.emergencyPhone',
			'leader.landline',
			'leader.email',
			'remarks'
		] as const)
	})
] as const);

export type LayoutTemplate = (typeof LAYOUT_TEMPLATES)[number];

/**
 * Record layouts (websites, orders): a device that creates a record writes every Y.Text of the
 * current version in the creating transaction (its own client id, so two records never clash).
 * Fields added by a later version go into that version's entry; a device that opens an older
 * record adds them as client {@link recordLayoutClientId}(record id, version), so two devices
 * adding them offline produce identical items. FROZEN like the templates.
 */
export const RECORD_LAYOUTS = Object.freeze({
	websites: Object.freeze([
		Object.freeze({
			version: 1,
			texts: Object.freeze([
				'name',
				'domain',
				'homepageUrl',
				'administrator.name',
				'administrator.certificateNumber',
				'administrator.mobile',
				'administrator.emergencyPhone',
				'administrator.landline',
				'administrator.email',
				'access.provider',
				'access.serviceCode',
				'access.region',
				'remarks'
			] as const)
		})
	]),
	orders: Object.freeze([
		Object.freeze({ version: 1, texts: Object.freeze([] as const) }),
		Object.freeze({ version: 2, texts: Object.freeze(['cancellationReason.text'] as const) })
	])
} as const);

export type RecordAggregate = keyof typeof RECORD_LAYOUTS;

/** Field tables by aggregate. */
export const AGGREGATE_FIELDS = Object.freeze({
	subject: SUBJECT_FIELDS,
	websites: WEBSITE_FIELDS,
	orders: ORDER_FIELDS
}) as Readonly<Record<'subject' | RecordAggregate, Readonly<Record<string, FieldSpec>>>>;

/** The current layout version of a record aggregate (what a creating device writes). */
export function currentRecordLayout(aggregate: RecordAggregate): number {
	const layouts = RECORD_LAYOUTS[aggregate];
	return layouts[layouts.length - 1]?.version ?? 1;
}

/** Every text field a record of `aggregate` has once at `version` (all earlier versions' too). */
export function recordTextsUpTo(aggregate: RecordAggregate, version: number): string[] {
	return RECORD_LAYOUTS[aggregate].filter((l) => l.version <= version).flatMap((l) => [...l.texts]);
}

/** Template client ids: 1 … 1023. Random Yjs client ids are 32-bit; the app re-rolls one that falls here. */
export const TEMPLATE_CLIENT_ID_MAX = 1023;
/** Record layout client ids are 2^32 + a 40-bit hash: never a random (32-bit) client id. */
export const RECORD_CLIENT_ID_BASE = 2 ** 32;
const RECORD_CLIENT_ID_SPAN = 2 ** 40;

/** Client ids of the root templates. */
export const TEMPLATE_CLIENT_IDS: readonly number[] = Object.freeze(LAYOUT_TEMPLATES.map((t) => t.clientId));

/** Whether a client id is reserved for layout items (templates or record layouts): no device edits as one. */
export function isReservedClientId(clientId: number): boolean {
	return clientId <= TEMPLATE_CLIENT_ID_MAX || clientId >= RECORD_CLIENT_ID_BASE;
}

function fnv1a(input: string, seed: number): number {
	let hash = seed >>> 0;
	for (let i = 0; i < input.length; i += 1) {
		hash ^= input.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** The client id of the items that add `version`'s fields to record `recordId` of `aggregate`. */
export function recordLayoutClientId(aggregate: RecordAggregate, recordId: string, version: number): number {
	const key = `${aggregate}\u0000${recordId}\u0000${version}`;
	const low = fnv1a(key, 0x811c9dc5);
	const high = fnv1a(key, 0x050c5d1f) & 0xff;
	return RECORD_CLIENT_ID_BASE + ((high * 2 ** 32 + low) % RECORD_CLIENT_ID_SPAN);
}

/** The field spec of `key` in an aggregate, or undefined for a key the layout does not know. */
export function fieldSpec(aggregate: 'subject' | RecordAggregate, key: string): FieldSpec | undefined {
	return Object.hasOwn(AGGREGATE_FIELDS[aggregate], key) ? AGGREGATE_FIELDS[aggregate][key] : undefined;
}

/** `['leader', 'name']` for `leader.name`: the issue path of a field key. */
export function fieldPath(key: string): string[] {
	return key.split('.');
}
