import { beforeAll, describe, expect, it } from 'vitest';
import { m } from '../../../src/lib/i18n/paraglide/messages.js';
import { ErrorFunnel, loadApiErrorTexts, type ErrorLog } from '../../../src/lib/state/errors.svelte.ts';

function funnelWithLog() {
	const entries: Parameters<ErrorLog>[] = [];
	const funnel = new ErrorFunnel({ log: (...entry) => entries.push(entry) });
	return { funnel, entries };
}

describe('error funnel', () => {
	it('shows an API failure that comes before its texts have loaded once they are there, and returns the generic text meanwhile', async () => {
		const { funnel } = funnelWithLog();
		const text = funnel.handle({ ok: false, error: 'member-not-found', status: 404 }, 'members.remove');
		await loadApiErrorTexts();
		await Promise.resolve();
		expect(text).toBe(m.error_unexpected());
		expect(funnel.notices.map((n) => n.text)).toEqual(['该协作者已不在此主体中。']);
	});

	describe('with the texts loaded', () => {
		beforeAll(async () => {
			await loadApiErrorTexts();
		});

		it('logs an API failure with a known code, shows it and returns its localized text', () => {
			const { funnel, entries } = funnelWithLog();
			const text = funnel.handle({ ok: false, error: 'member-not-found', status: 404 }, 'members.remove');
			expect(text).toBe('该协作者已不在此主体中。');
			expect(entries).toEqual([['warn', 'members.remove', { ok: false, error: 'member-not-found', status: 404 }]]);
			expect(funnel.notices.map((n) => n.text)).toEqual([text]);
		});

		it('gives a code it does not know the generic message naming the code, and logs it', () => {
			const { funnel, entries } = funnelWithLog();
			const fromApi = funnel.handle({ ok: false, error: 'unknown-error', unknownCode: 'newer-code', status: 418 }, 'members.load');
			expect(fromApi).toBe(m.api_error_unknown({ code: 'newer-code' }));
			expect(fromApi).toContain('newer-code');
			const fromRecord = funnel.handle({ ok: false, error: 'http-418' }, 'transfer');
			expect(fromRecord).toBe(m.api_error_unknown({ code: 'http-418' }));
			expect(entries.map(([level, context, fields]) => [level, context, fields.error])).toEqual([
				['warn', 'members.load', 'unknown-error'],
				['warn', 'transfer', 'http-418']
			]);
		});

		it('says something went wrong for a thrown error and logs the error itself', () => {
			const { funnel, entries } = funnelWithLog();
			const error = new TypeError('x is undefined');
			expect(funnel.handle(error, 'devices.load')).toBe(m.error_unexpected());
			expect(entries).toEqual([['error', 'devices.load', { error }]]);
		});

		it('names full storage as such', () => {
			const { funnel } = funnelWithLog();
			const full = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
			expect(funnel.handle(full, 'session.load')).toBe(m.vault_storage_full());
		});

		it('leaves an inline error to the caller: logged and returned, not shown as a notice', () => {
			const { funnel, entries } = funnelWithLog();
			const text = funnel.handle({ ok: false, error: 'invalid-credentials', status: 401 }, 'session.sign-in', { show: 'inline' });
			expect(text).toBe(m.api_error_invalid_credentials());
			expect(entries).toHaveLength(1);
			expect(funnel.notices).toEqual([]);
		});

		it('funnels the rejection of a promise nobody awaits, and nothing for one that resolves', async () => {
			const { funnel, entries } = funnelWithLog();
			const failing = Promise.reject(new Error('IndexedDB closed'));
			funnel.watch(failing, 'session.load');
			funnel.watch(Promise.resolve('fine'), 'locale.switchTo');
			await failing.catch(() => undefined);
			await Promise.resolve();
			expect(entries.map(([level, context]) => [level, context])).toEqual([['error', 'session.load']]);
			expect(funnel.notices.map((n) => n.text)).toEqual([m.error_unexpected()]);
		});

		it('keeps at most three notices, says a repeated one once, and dismisses by id', () => {
			const { funnel } = funnelWithLog();
			for (const error of ['forbidden', 'not-found', 'internal', 'gone', 'internal'] as const) funnel.handle({ ok: false, error }, 'test');
			expect(funnel.notices.map((n) => n.text)).toEqual([m.api_error_not_found(), m.api_error_gone(), m.api_error_internal()]);
			funnel.dismiss(funnel.notices[0]?.id ?? -1);
			expect(funnel.notices.map((n) => n.text)).toEqual([m.api_error_gone(), m.api_error_internal()]);
		});
	});
});
