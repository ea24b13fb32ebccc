import { describe, expect, it } from 'vitest';
import { HELD, PresenceGate } from '../../../sync-server/src/sync/presence.ts';
import { MESSAGE_AWARENESS } from '../../../src/lib/sync/protocol.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	cleanDisplayName,
	displayNameSchema,
	MAX_DISPLAY_NAME_LENGTH,
	parsePresenceState,
	PRESENCE_BURST,
	PRESENCE_MIN_INTERVAL_MS,
	readDisplayName,
	stampPresence
} from '../../../src/lib/domain/presence/presence.ts';

const session = { name: '韩梅梅', role: 'viewer' } as const;

function awarenessUpdate(states: [number, number, string][]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, states.length);
	for (const [client, clock, json] of states) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}

function statesOf(update: Uint8Array): unknown[] {
	const decoder = decoding.createDecoder(update);
	const len = decoding.readVarUint(decoder);
	return Array.from({ length: len }, () => {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		return JSON.parse(decoding.readVarString(decoder)) as unknown;
	});
}

describe('presence state (PRES-1, PRES-2, PRES-5)', () => {
	it('PRES-1 keeps only the presence fields of a claim and drops e-mail and filing data', () => {
		const claim = { colour: 2, field: 'websites.w1.domain', selection: { anchor: 'AAE=', head: 'AAI=' }, email: 'a@b.cn', subject: { name: '张三' } };
		expect(stampPresence(claim, session)).toEqual({ colour: 2, field: 'websites.w1.domain', selection: { anchor: 'AAE=', head: 'AAI=' }, name: '韩梅梅', role: 'viewer' });
	});

	it('PRES-1 a caret travels as its anchor alone and is relayed so, without a head', () => {
		const claim = { colour: 1, field: 'subject.name', selection: { anchor: 'AAE=' } };
		expect(stampPresence(claim, session)).toEqual({ ...claim, name: '韩梅梅', role: 'viewer' });
		expect(parsePresenceState({ ...claim, name: '韩梅梅', role: 'viewer' })?.selection).toEqual({ anchor: 'AAE=' });
		expect(stampPresence({ ...claim, selection: { head: 'AAE=' } }, session)).toBeNull();
	});

	it('PRES-1 the empty state of a fresh provider means here, in no field', () => {
		expect(stampPresence({}, session)).toEqual({ colour: 0, field: null, selection: null, name: '韩梅梅', role: 'viewer' });
	});

	it.each([
		['a colour outside the palette', { colour: 8 }],
		['a colour that is not an integer', { colour: 1.5 }],
		['a field path with markup', { field: 'subject.<b>' }],
		['an empty path segment', { field: 'subject..name' }],
		['a selection that is not base64', { field: 'subject.name', selection: { anchor: '%%', head: 'AA==' } }],
		['a state that is not an object', 'hello']
	])('PRES-1 refuses %s', (_what, claim) => {
		expect(stampPresence(claim, session)).toBeNull();
	});

	it('PRES-2 the claimed name and role are replaced by the session’s', () => {
		expect(stampPresence({ name: 'Boss', role: 'owner', colour: 1 }, session)).toMatchObject({ name: '韩梅梅', role: 'viewer' });
	});

	it('PRES-1 parsePresenceState reads a relayed state and rejects anything else', () => {
		const state = { colour: 1, field: null, selection: null, name: '李雷', role: 'editor' };
		expect(parsePresenceState(state)).toEqual(state);
		expect(parsePresenceState({ ...state, role: 'admin' })).toBeNull();
		expect(parsePresenceState({ ...state, name: 'x'.repeat(MAX_DISPLAY_NAME_LENGTH + 1) })).toBeNull();
		expect(parsePresenceState({ colour: 1 })).toBeNull();
		expect(parsePresenceState(null)).toBeNull();
	});

	it('PRES-5 a display name is 1–40 characters without controls, invisibles or angle brackets', () => {
		expect(displayNameSchema.safeParse('王小明').success).toBe(true);
		expect(displayNameSchema.safeParse('').success).toBe(false);
		expect(displayNameSchema.safeParse('a<b').success).toBe(false);
		expect(displayNameSchema.safeParse('a\u200bb').success).toBe(false);
		expect(displayNameSchema.safeParse(' padded').success).toBe(false);
		expect(displayNameSchema.safeParse('名'.repeat(41)).success).toBe(false);
		expect(cleanDisplayName(' a\u0007<b> ')).toBe('ab');
	});
});

describe('display name typed into a form (PRES-5)', () => {
	it('PRES-5 reads a trimmed name and says why it refuses one: missing, too long, markup or invisible characters', () => {
		expect(readDisplayName('  王芳 ')).toEqual({ ok: true, value: '王芳' });
		expect(readDisplayName('名'.repeat(MAX_DISPLAY_NAME_LENGTH))).toEqual({ ok: true, value: '名'.repeat(MAX_DISPLAY_NAME_LENGTH) });
		expect(readDisplayName('   ')).toEqual({ ok: false, problem: 'missing' });
		expect(readDisplayName('名'.repeat(MAX_DISPLAY_NAME_LENGTH + 1))).toEqual({ ok: false, problem: 'too-long' });
		expect(readDisplayName('<b>王芳</b>')).toEqual({ ok: false, problem: 'invalid' });
		expect(readDisplayName('王\u200b芳')).toEqual({ ok: false, problem: 'invalid' });
		expect(readDisplayName('王\u0007芳')).toEqual({ ok: false, problem: 'invalid' });
	});
});

describe('presence gate (PRES-2, PRES-3)', () => {
	it('PRES-2 stamps every state of an update with the current role of the connection', () => {
		const connection = { displayName: '李雷', role: 'editor' as 'editor' | 'viewer' };
		const gate = new PresenceGate(connection, { now: () => 0 });
		const out = gate.admit(awarenessUpdate([[5, 1, JSON.stringify({ colour: 3, role: 'owner' })]]));
		expect(out instanceof Uint8Array && statesOf(out)).toEqual([{ colour: 3, field: null, selection: null, name: '李雷', role: 'editor' }]);
		connection.role = 'viewer';
		const later = new PresenceGate(connection, { now: () => 0 }).admit(awarenessUpdate([[5, 2, '{}']]));
		expect(later instanceof Uint8Array && statesOf(later)).toEqual([{ colour: 0, field: null, selection: null, name: '李雷', role: 'viewer' }]);
	});

	it('PRES-3 outside a room (nothing to hand a held update back to): four bunched updates pass, the fifth inside the interval is refused; then one per 100 ms; a removal always passes', () => {
		expect(PRESENCE_BURST).toBe(4);
		let now = 0;
		const gate = new PresenceGate({ displayName: 'x', role: 'owner' }, { now: () => now });
		const set = (clock: number) => gate.admit(awarenessUpdate([[9, clock, '{"colour":1}']]));
		for (let clock = 1; clock <= 4; clock++) expect(set(clock), `bunched move ${clock}`).not.toBeNull();
		now = 50;
		expect(set(5)).toBeNull();
		expect(gate.admit(awarenessUpdate([[9, 6, 'null']]))).not.toBeNull();
		now = 99;
		expect(set(7)).toBeNull();
		now = 101;
		expect(set(8)).not.toBeNull();
		expect(set(9)).toBeNull();
	});

	it('PRES-3 a client moving at 10 Hz whose moves arrive in bunches of four is never refused', () => {
		let now = 0;
		const gate = new PresenceGate({ displayName: 'x', role: 'owner' }, { now: () => now });
		let clock = 0;
		for (let round = 0; round < 20; round++) {
			now = round * 4 * PRESENCE_MIN_INTERVAL_MS;
			for (let i = 0; i < 4; i++) expect(gate.admit(awarenessUpdate([[9, ++clock, '{"colour":2}']])), `move ${clock}`).not.toBeNull();
		}
	});

	it('PRES-3 in a room, a move sooner than the interval is held, not refused: later moves replace it, and the latest comes back once the interval allows', () => {
		let now = 0;
		const timers: { run: () => void; at: number }[] = [];
		const gate = new PresenceGate({ displayName: '韩梅梅', role: 'editor' }, { now: () => now, schedule: (run, ms) => timers.push({ run, at: now + ms }) });
		const released: Uint8Array[] = [];
		gate.onRelease = (frame) => released.push(frame);
		const set = (clock: number, field: string) => gate.admit(awarenessUpdate([[9, clock, JSON.stringify({ colour: 1, field })]]));
		for (let clock = 1; clock <= PRESENCE_BURST; clock++) expect(set(clock, 'subject.name')).toBeInstanceOf(Uint8Array);
		now = 20;
		expect(set(5, 'subject.name')).toBe(HELD);
		expect(set(6, 'subject.address')).toBe(HELD);
		expect(set(7, 'subject.remarks')).toBe(HELD);
		expect(gate.isHolding).toBe(true);
		expect(timers).toHaveLength(1);
		expect(timers[0]?.at).toBeGreaterThanOrEqual(PRESENCE_MIN_INTERVAL_MS);
		now = timers[0]?.at ?? 0;
		timers.shift()?.run();
		expect(released).toHaveLength(1);
		// The frame is the client's own awareness message, with only its latest state.
		const decoder = decoding.createDecoder(released[0] ?? new Uint8Array());
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
		const update = decoding.readVarUint8Array(decoder);
		expect(statesOf(update)).toEqual([{ colour: 1, field: 'subject.remarks' }]);
		expect(gate.isHolding).toBe(false);
		// Read again when it comes back: a token is there now, so it passes, stamped.
		const again = gate.admit(update);
		expect(again instanceof Uint8Array && statesOf(again)).toEqual([{ colour: 1, field: 'subject.remarks', selection: null, name: '韩梅梅', role: 'editor' }]);
	});

	it('PRES-3 a removal passes at once and drops the held state of that client; a held update is dropped when the connection leaves', () => {
		let now = 0;
		const timers: (() => void)[] = [];
		const gate = new PresenceGate({ displayName: 'x', role: 'owner' }, { now: () => now, schedule: (run) => timers.push(run) });
		const released: Uint8Array[] = [];
		gate.onRelease = (frame) => released.push(frame);
		for (let clock = 1; clock <= PRESENCE_BURST; clock++) gate.admit(awarenessUpdate([[9, clock, '{"colour":1}']]));
		expect(gate.admit(awarenessUpdate([[9, 5, '{"colour":1}']]))).toBe(HELD);
		expect(gate.admit(awarenessUpdate([[9, 6, 'null']]))).toBeInstanceOf(Uint8Array);
		expect(gate.isHolding).toBe(false);
		now = 500;
		for (const run of timers.splice(0)) run();
		expect(released).toEqual([]);
		expect(gate.admit(awarenessUpdate([[9, 7, '{"colour":1}']]))).toBeInstanceOf(Uint8Array);
		for (let clock = 8; clock <= 7 + PRESENCE_BURST; clock++) gate.admit(awarenessUpdate([[9, clock, '{"colour":2}']]));
		expect(gate.isHolding).toBe(true);
		gate.clear();
		now = 1000;
		for (const run of timers.splice(0)) run();
		expect(released).toEqual([]);
	});

	it('PRES-1 refuses the whole update when one of its states is not presence', () => {
		const gate = new PresenceGate({ displayName: 'x', role: 'owner' }, { now: () => 0 });
		expect(gate.admit(awarenessUpdate([[1, 1, '{"colour":1}'], [2, 1, '{"colour":"red"}']]))).toBeNull();
	});
});
