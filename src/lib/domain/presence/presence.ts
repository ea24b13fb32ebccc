/**
 * Presence: what one browser tab tells the others of a workspace room through y-protocols
 * awareness (PRES-1…PRES-5 in RULES.md). It carries only a display name, a role, a colour and
 * where the person is — the field path and, inside a free-text field, their selection as two
 * Y.Text relative positions (base64). Never an e-mail, never filing data.
 *
 * The client sends {@link ClientPresence}; the server keeps only those fields (anything else is
 * dropped), adds `name` and `role` from the session (PRES-2) and relays {@link PresenceState}.
 * Pure: shared by the app and the server.
 */
// zod/mini like the rest of the app: classic zod's object parser probes `Function` once, which the CSP reports as a blocked eval.
import { z } from 'zod/mini';

/** Longest display name, in UTF-16 code units. */
export const MAX_DISPLAY_NAME_LENGTH = 40;
/** Longest field path (`subject.name`, `websites.<id>.domain` …). */
export const MAX_FIELD_PATH_LENGTH = 160;
/** Longest encoded relative position (base64 of `Y.encodeRelativePosition`). */
export const MAX_RELATIVE_POSITION_LENGTH = 128;
/** Fewest milliseconds between two presence updates of one client (PRES-3). */
export const PRESENCE_MIN_INTERVAL_MS = 100;
/**
 * How many presence updates of one client may arrive back to back before the interval applies
 * (PRES-3). An honest client throttled to one per interval still has its moves bunched by the
 * network (a stalled TCP window, a phone waking its radio); a burst of two refused such moves
 * by the thousand in the 500-room bench, four absorbs 300 ms of jitter at the same sustained rate.
 */
export const PRESENCE_BURST = 4;
/** How many presence colours there are (indices into the app's palette). */
export const PRESENCE_COLOURS = 8;

export const PRESENCE_ROLES = ['owner', 'editor', 'viewer'] as const;
export type PresenceRole = (typeof PRESENCE_ROLES)[number];

/** A field path: dot-separated segments of letters, digits, `_` and `-`. */
const fieldPath = z.string().check(z.maxLength(MAX_FIELD_PATH_LENGTH), z.regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/));
const relativePosition = z.string().check(z.maxLength(MAX_RELATIVE_POSITION_LENGTH), z.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const colourIndex = () => z.int().check(z.gte(0), z.lte(PRESENCE_COLOURS - 1));

/**
 * A selection: where it starts (`anchor`) and where the caret is (`head`). A caret with nothing
 * selected — most of what presence sends while someone types — leaves `head` out: it is the
 * anchor (22 bytes less per caret move on the wire, measured by `bench:server`).
 */
export const selectionSchema = z.object({ anchor: relativePosition, head: z.optional(relativePosition) });
export type PresenceSelection = z.infer<typeof selectionSchema>;

/**
 * What a client may say about itself. Unknown keys are stripped, not kept; a missing key takes
 * its default, so the empty state `{}` a y-websocket provider starts with means "here, nowhere".
 */
export const clientPresenceSchema = z.object({
	colour: z._default(colourIndex(), 0),
	field: z._default(z.nullable(fieldPath), null),
	selection: z._default(z.nullable(selectionSchema), null)
});
export type ClientPresence = z.infer<typeof clientPresenceSchema>;

/** Removes characters a display name must not carry (controls, invisibles, markup brackets) and trims it. */
export function cleanDisplayName(raw: string): string {
	// eslint-disable-next-line no-control-regex
	return raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff<>]/g, '').trim().slice(0, MAX_DISPLAY_NAME_LENGTH);
}

export const displayNameSchema = z
	.string()
	.check(
		z.maxLength(MAX_DISPLAY_NAME_LENGTH),
		z.refine((name) => cleanDisplayName(name) === name && name.length > 0, { message: 'display-name-invalid' })
	);

/** Why a display name typed into a form is refused (PRES-5); each has its own message. */
export type DisplayNameProblem = 'missing' | 'too-long' | 'invalid';

/**
 * Reads a display name typed into the sign-up or account form (PRES-5): trimmed, then checked
 * with {@link displayNameSchema}. Markup brackets, control and invisible characters are refused,
 * not silently removed, so the person sees the name others will see.
 */
export function readDisplayName(raw: string): { ok: true; value: string } | { ok: false; problem: DisplayNameProblem } {
	const name = raw.trim();
	if (name === '') return { ok: false, problem: 'missing' };
	if (name.length > MAX_DISPLAY_NAME_LENGTH) return { ok: false, problem: 'too-long' };
	const parsed = displayNameSchema.safeParse(name);
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: 'invalid' };
}

/** A relayed presence state: the client's fields plus the server-stamped name and role. */
export const presenceStateSchema = z.object({
	colour: colourIndex(),
	field: z.nullable(fieldPath),
	selection: z.nullable(selectionSchema),
	name: z.string().check(z.maxLength(MAX_DISPLAY_NAME_LENGTH)),
	role: z.enum(PRESENCE_ROLES)
});
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** Parses one awareness state as received from the room; null when it is not a presence state. */
export function parsePresenceState(value: unknown): PresenceState | null {
	const parsed = presenceStateSchema.safeParse(value);
	return parsed.success ? parsed.data : null;
}

/**
 * The state the server relays for a client's claimed state (PRES-1, PRES-2): only the known
 * fields, the name and role of the session. Null when the claim is not a presence state.
 */
export function stampPresence(claimed: unknown, session: { readonly name: string; readonly role: PresenceRole }): PresenceState | null {
	const parsed = clientPresenceSchema.safeParse(claimed);
	if (!parsed.success) return null;
	const { colour, field, selection } = parsed.data;
	return { colour, field, selection, name: cleanDisplayName(session.name), role: session.role };
}

/** Another person in the room as the app shows them: the server-stamped name and role, their colour, field and selection. */
export interface PresencePeer {
	readonly clientId: number;
	readonly name: string;
	readonly role: PresenceRole;
	readonly colour: number;
	readonly field: string | null;
	readonly selection: PresenceSelection | null;
}
