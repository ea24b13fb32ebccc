import { describe, expect, it } from 'vitest';
import { fetchApproved, sendOrderEvent } from '../../../src/lib/sync/orders-api.ts';
import { makeApprovedRecord } from '../../support/factories.ts';

const NOW = '2026-11-02T10:00:00+08:00';
const summary = { id: 'o1', kind: 'first-filing', revision: 1, status: 'draft', isCancellation: false, smsWrongAttempts: 0, created: NOW, submittedAt: NOW, updatedAt: NOW, history: [] };

function answering(status: number, body: unknown) {
	const calls: { url: string; init: RequestInit | undefined }[] = [];
	const fetcher = (async (url: string, init?: RequestInit) => {
		calls.push({ url, init });
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	}) as unknown as typeof fetch;
	return { fetcher, calls };
}

describe('orders API client', () => {
	it('TRACK-4 posts { type } to the order’s events and parses the summary', async () => {
		const { fetcher, calls } = answering(200, { summary });
		const result = await sendOrderEvent('s1', 'o1', 'withdraw', fetcher);
		expect(result).toEqual({ ok: true, value: summary });
		expect(calls[0]?.url).toBe('/api/subjects/s1/orders/o1/events');
		expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ type: 'withdraw' });
	});

	it('TRACK-4 LIFE-2 a 409 transition-not-allowed comes back as the shared code with the lifecycle rule', async () => {
		const details = { issues: [{ rule: 'LIFE-2', path: [], severity: 'error', params: {} }] };
		const { fetcher } = answering(409, { error: 'transition-not-allowed', message: 'no', details });
		expect(await sendOrderEvent('s1', 'o1', 'withdraw', fetcher)).toMatchObject({ ok: false, error: 'transition-not-allowed', status: 409, details });
	});

	it('refuses an answer that does not parse, and reads the approved record (or null)', async () => {
		expect(await sendOrderEvent('s1', 'o1', 'abandon', answering(200, { summary: { id: 'o1' } }).fetcher)).toMatchObject({ ok: false, error: 'bad-response' });
		const record = makeApprovedRecord();
		expect(await fetchApproved('s1', answering(200, { record }).fetcher)).toEqual({ ok: true, value: record });
		expect(await fetchApproved('s1', answering(200, { record: null }).fetcher)).toEqual({ ok: true, value: null });
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof fetch;
		expect(await fetchApproved('s1', offline)).toMatchObject({ ok: false, error: 'offline' });
	});
});
