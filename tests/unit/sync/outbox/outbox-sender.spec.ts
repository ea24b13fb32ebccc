import { describe, expect, it } from 'vitest';
import { parseOutboxEntry, type OutboxEntry, type OutboxRepo } from '../../../../src/lib/storage/outbox-entries.ts';
import { OutboxSender, documentHashesOf, type OutboxClock, type UploadReadiness } from '../../../../src/lib/sync/outbox/outbox-sender.ts';
import { classifyOrderFailure, outboxTransition } from '../../../../src/lib/sync/outbox/outbox-state.ts';
import { makeDocument, makeOrder } from '../../../support/factories.ts';

class MemoryOutboxRepo implements OutboxRepo {
	rows = new Map<string, unknown>();
	async get(id: string) {
		return parseOutboxEntry(this.rows.get(id));
	}
	async put(entry: OutboxEntry) {
		this.rows.set(entry.orderId, structuredClone(entry));
	}
	async list() {
		return [...this.rows.values()].map(parseOutboxEntry).filter((e): e is OutboxEntry => e !== null);
	}
	async delete(id: string) {
		this.rows.delete(id);
	}
}

function manualClock() {
	let now = 1_000;
	let timers: { at: number; run: () => void; id: number }[] = [];
	let nextId = 1;
	const clock: OutboxClock = {
		now: () => now,
		setTimer: (run, ms) => {
			const id = nextId++;
			timers.push({ at: now + ms, run, id });
			return id;
		},
		clearTimer: (id) => void (timers = timers.filter((t) => t.id !== id))
	};
	const advance = async (ms: number) => {
		now += ms;
		const due = timers.filter((t) => t.at <= now);
		timers = timers.filter((t) => t.at > now);
		for (const timer of due) timer.run();
		await new Promise((resolve) => setTimeout(resolve, 0));
	};
	return { clock, advance, timers: () => timers.map((t) => t.at - now) };
}

const SHA = 'a'.repeat(64);
const order = (id: string) => ({ ...makeOrder({ id }), documents: [makeDocument({ sha256: SHA })] });
/** What `queueOrder` stores: the frozen order and when; nothing about sending yet. */
const queuedRow = (id: string, queuedAt = 0) => ({ version: 1, orderId: id, subjectId: 'subject-1', order: order(id), queuedAt });

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

function fakeFetch(script: (call: number, body: unknown) => Answer) {
	const calls: { url: string; method: string; body: unknown }[] = [];
	const fetch = (async (url: string, init: RequestInit) => {
		const body: unknown = JSON.parse(String(init.body));
		calls.push({ url, method: String(init.method), body });
		const answer = script(calls.length, body);
		if (answer === 'drop') throw new TypeError('Failed to fetch');
		return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

const NOW = '2026-11-02T10:00:00+08:00';
/** The server's 201/200 answer: the stored order and its summary (order-wire.ts). */
const accepted = (body: unknown) => {
	const sent = (body as { order: { id: string; kind: string; created: string } }).order;
	const summary = { id: sent.id, kind: sent.kind, revision: 1, status: 'provider-review', isCancellation: false, smsWrongAttempts: 0, created: sent.created, submittedAt: NOW, updatedAt: NOW, history: [{ from: 'draft', to: 'provider-review', event: 'submit', at: NOW, revision: 1 }] };
	return { status: 201, body: { order: sent, summary } };
};

function setup(script: (call: number, body: unknown) => Answer, uploads: () => UploadReadiness = () => 'ready') {
	const repo = new MemoryOutboxRepo();
	const { clock, advance, timers } = manualClock();
	const { fetch, calls } = fakeFetch(script);
	const sender = new OutboxSender({ repo, fetch, clock, uploads, backoff: { random: () => 0 } });
	return { repo, sender, calls, advance, timers };
}

describe('OutboxSender', () => {
	it('sends a queued order with PUT { order } to its subject and order id, and marks it sent', async () => {
		const { repo, sender, calls } = setup((_, body) => accepted(body));
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(calls).toEqual([{ url: '/api/subjects/subject-1/orders/order-1', method: 'PUT', body: { order: order('order-1') } }]);
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});

	it('TRACK-6 holds an order while its uploads are unfinished, sends it once they are done, and never before', async () => {
		let readiness: UploadReadiness = 'pending';
		const { repo, sender, calls } = setup((_, body) => accepted(body), () => readiness);
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(calls).toHaveLength(0);
		expect((await repo.get('order-1'))?.hold).toBe('uploads-pending');
		readiness = 'failed';
		await sender.kick();
		await sender.settled();
		expect((await repo.get('order-1'))?.hold).toBe('upload-failed');
		readiness = 'ready';
		await sender.kick();
		await sender.settled();
		expect(calls).toHaveLength(1);
		expect((await repo.get('order-1'))).toMatchObject({ state: 'sent', hold: null });
	});

	it('retries with backoff while the server cannot be reached, and sends when it answers', async () => {
		let up = false;
		const { repo, sender, calls, advance, timers } = setup((_, body) => (up ? accepted(body) : 'drop'));
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(await repo.get('order-1')).toMatchObject({ state: 'waiting', lastError: 'offline', attempts: 1 });
		expect(timers()).toEqual([500]);
		await advance(500);
		await sender.settled();
		expect(await repo.get('order-1')).toMatchObject({ state: 'waiting', attempts: 2 });
		expect(timers()).toEqual([1000]);
		up = true;
		await advance(1000);
		await sender.settled();
		expect(calls).toHaveLength(3);
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});

	it('waits at least as long as Retry-After asks on 429 and 503', async () => {
		const { repo, sender, timers } = setup(() => ({ status: 503, body: { error: 'internal', message: 'busy' }, headers: { 'retry-after': '30' } }));
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(await repo.get('order-1')).toMatchObject({ state: 'waiting', lastError: 'internal' });
		expect(timers()).toEqual([30_000]);
	});

	it('resends the same body after a lost reply, and the idempotent 200 marks it sent (nothing queued twice)', async () => {
		const bodies: string[] = [];
		const { repo, sender, advance } = setup((call, body) => {
			bodies.push(JSON.stringify(body));
			return call === 1 ? 'drop' : accepted(body);
		});
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		await advance(60_000);
		await sender.settled();
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toBe(bodies[0]);
		expect(repo.rows.size).toBe(1);
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});

	it('resumes after the app closed mid-send: a row left sending is requeued and sent on start', async () => {
		const { repo, sender, calls } = setup((_, body) => accepted(body));
		repo.rows.set('order-1', { ...queuedRow('order-1'), state: 'sending', attempts: 0, nextAttemptAt: 0, updatedAt: 0 });
		await sender.start();
		await sender.settled();
		expect(calls).toHaveLength(1);
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});

	it.each([
		[409, 'order-frozen'],
		[409, 'order-in-flight'],
		[422, 'order-invalid'],
		[422, 'document-missing'],
		[403, 'forbidden']
	])('stops on %i %s with the code and details kept for the order page (no automatic retry)', async (status, code) => {
		const details = code === 'order-invalid' ? { issues: [{ rule: 'ID-2', path: ['subject', 'certificateNumber'], severity: 'error', params: {} }] } : { hashes: [SHA] };
		const { repo, sender, calls, timers } = setup(() => ({ status, body: { error: code, message: 'no', details } }));
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(await repo.get('order-1')).toMatchObject({ state: 'refused', lastError: code, lastDetails: details });
		expect(timers()).toEqual([]);
		await sender.kick();
		await sender.settled();
		expect(calls).toHaveLength(1);
	});

	it('waits for sign-in on 401 and goes on after kick', async () => {
		let signedIn = false;
		const { repo, sender, calls } = setup((_, body) => (signedIn ? accepted(body) : { status: 401, body: { error: 'unauthenticated', message: 'x' } }));
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect((await repo.get('order-1'))?.state).toBe('blocked');
		signedIn = true;
		await sender.kick();
		await sender.settled();
		expect(calls).toHaveLength(2);
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});

	it('does not trust an answer it cannot parse: a 200 for another order id, or without a summary, is retried', async () => {
		const { repo, sender } = setup((_, body) => {
			const answer = accepted(body);
			return { status: 200, body: { ...answer.body, order: { ...answer.body.order, id: 'someone-else' } } };
		});
		repo.rows.set('order-1', queuedRow('order-1'));
		await sender.start();
		await sender.settled();
		expect(await repo.get('order-1')).toMatchObject({ state: 'waiting', lastError: 'bad-response' });
		const noSummary = setup((_, body) => ({ status: 200, body: { order: (body as { order: unknown }).order } }));
		noSummary.repo.rows.set('order-1', queuedRow('order-1'));
		await noSummary.sender.start();
		await noSummary.sender.settled();
		expect(await noSummary.repo.get('order-1')).toMatchObject({ state: 'waiting', lastError: 'bad-response' });
	});

	it('a refused order queued again (reload after queueOrder) is sent as the new body', async () => {
		let call = 0;
		const { repo, sender, calls } = setup((_, body) => (++call === 1 ? { status: 422, body: { error: 'order-invalid', message: 'x' } } : accepted(body)));
		repo.rows.set('order-1', queuedRow('order-1', 0));
		await sender.start();
		await sender.settled();
		expect((await repo.get('order-1'))?.state).toBe('refused');
		repo.rows.set('order-1', { ...queuedRow('order-1', 1_000), order: { ...order('order-1'), kind: 'new-website' } });
		await sender.reload();
		await sender.settled();
		expect(calls).toHaveLength(2);
		expect((calls[1]?.body as { order: { kind: string } }).order.kind).toBe('new-website');
		expect((await repo.get('order-1'))?.state).toBe('sent');
	});
});

describe('outbox state', () => {
	const entry = parseOutboxEntry(queuedRow('order-1'));
	it('reads a row that only holds the queued order as queued and due', () => {
		expect(entry).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: 0, hold: null, lastError: null });
		expect(parseOutboxEntry({ version: 1, orderId: '', subjectId: 'x', order: {}, queuedAt: 0 })).toBeNull();
	});
	it('ignores events that do not apply in the state', () => {
		if (!entry) throw new Error('unparsed');
		expect(outboxTransition(entry, { type: 'accepted' }, { now: 1 })).toBe(entry);
		expect(outboxTransition(entry, { type: 'recover' }, { now: 1 })).toBe(entry);
	});
	it('classifies answers: none and 5xx transient, 401 auth, 409/422/403 refused', () => {
		expect(classifyOrderFailure(0, 'x').kind).toBe('transient');
		expect(classifyOrderFailure(502, 'internal').kind).toBe('transient');
		expect(classifyOrderFailure(429, 'rate-limited').kind).toBe('transient');
		expect(classifyOrderFailure(401, 'unauthenticated').kind).toBe('auth');
		expect(classifyOrderFailure(409, 'order-frozen').kind).toBe('refused');
		expect(classifyOrderFailure(422, 'document-missing').kind).toBe('refused');
	});
	it('documentHashesOf lists the distinct hashes an order references', () => {
		expect(documentHashesOf({ documents: [{ sha256: SHA }, { sha256: SHA }] })).toEqual([SHA]);
		expect(documentHashesOf({})).toEqual([]);
	});
});
