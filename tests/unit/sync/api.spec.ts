import { afterEach, describe, expect, it, vi } from 'vitest';
import { toFailure } from '../../../src/lib/sync/api.ts';

const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe('API error bodies', () => {
	afterEach(() => vi.restoreAllMocks());

	it('reads a known code into the shared union, with its details and Retry-After', () => {
		const failure = toFailure(answer(429, { 'retry-after': '30' }), { error: 'rate-limited', message: 'slow down', details: { retryAfterSeconds: 30 } });
		expect(failure).toEqual({ ok: false, status: 429, error: 'rate-limited', retryAfterSeconds: 30, details: { retryAfterSeconds: 30 } });
	});

	it('turns a code outside the union into unknown-error, keeps the code and logs it', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const failure = toFailure(answer(418), { error: 'teapot-refused', message: 'no coffee' });
		expect(failure).toMatchObject({ ok: false, status: 418, error: 'unknown-error', unknownCode: 'teapot-refused' });
		expect(warn).toHaveBeenCalledWith('API error with an unknown code', expect.objectContaining({ code: 'teapot-refused', status: 418 }));
	});

	it('calls a body that is not the error shape a bad response', () => {
		expect(toFailure(answer(502), undefined)).toEqual({ ok: false, status: 502, error: 'bad-response' });
		expect(toFailure(answer(500), { error: 42 })).toEqual({ ok: false, status: 500, error: 'bad-response' });
	});
});
