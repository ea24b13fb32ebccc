import { describe, expect, it } from 'vitest';
import { TransferRecordSchema, type TransferRecord } from '../../../../src/lib/storage/transfers.ts';
import {
	classifyHttpFailure,
	errorCodeOf,
	isDue,
	newTransfer,
	transition,
	type TransferEvent
} from '../../../../src/lib/sync/transfers/transfer-state.ts';

const SHA = 'a'.repeat(64);
const fresh = (now = 1000) => newTransfer({ direction: 'upload', sha256: SHA, subjectId: 'abcdefghijklmnop', size: 300, kind: 'id-front', filename: 'f.jpg' }, now);
const at = (now: number) => ({ now, backoff: { baseMs: 1000, random: () => 0 } });
const run = (record: TransferRecord, ...events: TransferEvent[]) => events.reduce((r, e, i) => transition(r, e, at(2000 + i)), record);

describe('transfer state machine', () => {
	it('builds a due, parseable record keyed by direction, subject and hash', () => {
		const record = fresh();
		expect(TransferRecordSchema.parse(record)).toEqual(record);
		expect(record).toMatchObject({ id: `upload:abcdefghijklmnop:${SHA}`, state: 'queued', attempts: 0, nextAttemptAt: 1000, tusUrl: null });
		expect(isDue(record, 1000)).toBe(true);
		expect(isDue(record, 999)).toBe(false);
	});

	it('goes queued → active → done, with every byte counted and the tus URL forgotten', () => {
		const done = run(fresh(), { type: 'start' }, { type: 'url', tusUrl: 'http://x/files/1' }, { type: 'progress', bytesSent: 120 }, { type: 'succeed' });
		expect(done).toMatchObject({ state: 'done', bytesSent: 300, tusUrl: null, lastError: null, attempts: 0 });
		expect(isDue(done, Number.MAX_SAFE_INTEGER)).toBe(false);
	});

	it('keeps the tus URL across a transient failure, so the next attempt resumes', () => {
		const waiting = run(fresh(), { type: 'start' }, { type: 'url', tusUrl: 'http://x/files/1' }, { type: 'fail', failure: { kind: 'transient', code: 'offline' } });
		expect(waiting).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'offline', tusUrl: 'http://x/files/1', nextAttemptAt: 2002 + 500 });
		expect(isDue(waiting, 2501)).toBe(false);
		expect(isDue(waiting, 2502)).toBe(true);
	});

	it('backs off longer after each transient failure', () => {
		let record = fresh();
		const waits: number[] = [];
		for (let i = 0; i < 4; i++) {
			record = transition(record, { type: 'start' }, at(0));
			record = transition(record, { type: 'fail', failure: { kind: 'transient', code: 'http-503' } }, at(0));
			waits.push(record.nextAttemptAt);
		}
		expect(waits).toEqual([500, 1000, 2000, 4000]);
		expect(record.attempts).toBe(4);
	});

	it('stops for good on a permanent refusal, and waits for sign-in on an auth failure', () => {
		const failed = run(fresh(), { type: 'start' }, { type: 'url', tusUrl: 'u' }, { type: 'fail', failure: { kind: 'permanent', code: 'hash-mismatch' } });
		expect(failed).toMatchObject({ state: 'failed', lastError: 'hash-mismatch', tusUrl: null });
		const blocked = run(fresh(), { type: 'start' }, { type: 'fail', failure: { kind: 'auth', code: 'unauthenticated' } });
		expect(blocked).toMatchObject({ state: 'blocked', lastError: 'unauthenticated' });
		for (const record of [failed, blocked]) expect(isDue(record, Number.MAX_SAFE_INTEGER)).toBe(false);
	});

	it('requeues on retry from waiting, blocked or failed, with the attempt count reset', () => {
		for (const failure of [{ kind: 'transient', code: 'offline' }, { kind: 'auth', code: 'unauthenticated' }, { kind: 'permanent', code: 'forbidden' }] as const) {
			const retried = run(fresh(), { type: 'start' }, { type: 'fail', failure }, { type: 'retry' });
			expect(retried).toMatchObject({ state: 'queued', attempts: 0, lastError: null, nextAttemptAt: 2002 });
		}
	});

	it('recovers a transfer a closed tab left active', () => {
		const recovered = run(fresh(), { type: 'start' }, { type: 'progress', bytesSent: 64 }, { type: 'recover' });
		expect(recovered).toMatchObject({ state: 'queued', bytesSent: 64, nextAttemptAt: 2002 });
	});

	it('ignores events that do not apply, returning the same record', () => {
		const queued = fresh();
		for (const event of [{ type: 'succeed' }, { type: 'progress', bytesSent: 5 }, { type: 'recover' }, { type: 'retry' }, { type: 'fail', failure: { kind: 'transient', code: 'x' } }] as const) {
			expect(transition(queued, event, at(5))).toBe(queued);
		}
		const done = run(fresh(), { type: 'start' }, { type: 'succeed' });
		expect(transition(done, { type: 'start' }, at(9))).toBe(done);
		expect(transition(done, { type: 'url', tusUrl: 'late' }, at(9))).toBe(done);
	});

	it('clamps progress to the size', () => {
		const active = run(fresh(), { type: 'start' });
		expect(transition(active, { type: 'progress', bytesSent: 10_000 }, at(3)).bytesSent).toBe(300);
		expect(transition(active, { type: 'progress', bytesSent: -4 }, at(3)).bytesSent).toBe(0);
	});
});

describe('failure classification', () => {
	it('maps statuses to transient, auth and permanent failures, preferring the server code', () => {
		expect(classifyHttpFailure(0, null)).toEqual({ kind: 'transient', code: 'offline' });
		expect(classifyHttpFailure(401, null)).toEqual({ kind: 'auth', code: 'unauthenticated' });
		expect(classifyHttpFailure(503, null)).toEqual({ kind: 'transient', code: 'http-503' });
		expect(classifyHttpFailure(409, null).kind).toBe('transient');
		expect(classifyHttpFailure(423, null).kind).toBe('transient');
		expect(classifyHttpFailure(460, 'hash-mismatch')).toEqual({ kind: 'permanent', code: 'hash-mismatch' });
		expect(classifyHttpFailure(415, 'unsupported-type')).toEqual({ kind: 'permanent', code: 'unsupported-type' });
		expect(classifyHttpFailure(413, null)).toEqual({ kind: 'permanent', code: 'http-413' });
		expect(classifyHttpFailure(403, 'forbidden')).toEqual({ kind: 'permanent', code: 'forbidden' });
	});

	it('reads only well-formed error codes from a body', () => {
		expect(errorCodeOf('{"error":"hash-mismatch","message":"x"}')).toBe('hash-mismatch');
		expect(errorCodeOf('Upload-Offset conflict\n')).toBeNull();
		expect(errorCodeOf('{"error":"<script>"}')).toBeNull();
		expect(errorCodeOf('null')).toBeNull();
		expect(errorCodeOf(undefined)).toBeNull();
	});
});
