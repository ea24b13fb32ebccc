import { describe, expect, it } from 'vitest';
import { homeNextStep, websiteStates, type WebsiteStateInput } from '../../../../src/lib/domain/order/website-states.ts';

const at = (minute: number) => `2026-12-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

function input(over: Partial<WebsiteStateInput> = {}): WebsiteStateInput {
	return {
		websites: [
			{ id: 'w1', name: '示例商城', domain: 'example.cn' },
			{ id: 'w2', name: '', domain: 'blog.example.cn' }
		],
		drafts: [{ id: 'o1', websiteIds: ['w1'] }],
		orders: [],
		queued: [],
		approved: null,
		...over
	};
}

const states = (value: WebsiteStateInput) => websiteStates(value).map((r) => [r.id, r.state, r.filingNumber]);

describe('website states on the start page', () => {
	it('TRACK-7 a website no order has reached the server with is a draft, or queued while its order waits in the outbox', () => {
		expect(states(input())).toEqual([
			['w1', 'draft', null],
			['w2', 'draft', null]
		]);
		expect(states(input({ queued: ['o1'] }))).toEqual([
			['w1', 'queued', null],
			['w2', 'draft', null]
		]);
	});

	it('TRACK-7 the newest order naming a website decides in review or rejected; an older rejection no longer counts', () => {
		const drafts = [
			{ id: 'o1', websiteIds: ['w1'] },
			{ id: 'o2', websiteIds: ['w1', 'w2'] }
		];
		expect(states(input({ drafts, orders: [{ id: 'o1', status: 'provider-rejected', updatedAt: at(1) }, { id: 'o2', status: 'administration-review', updatedAt: at(5) }] }))).toEqual([
			['w1', 'in-review', null],
			['w2', 'in-review', null]
		]);
		expect(states(input({ drafts, orders: [{ id: 'o1', status: 'provider-review', updatedAt: at(1) }, { id: 'o2', status: 'administration-rejected', updatedAt: at(5) }] }))).toEqual([
			['w1', 'rejected', null],
			['w2', 'rejected', null]
		]);
		// Back in draft after the rejection (the applicant's `edit`): a draft again.
		expect(states(input({ orders: [{ id: 'o1', status: 'draft', updatedAt: at(9) }] }))[0]).toEqual(['w1', 'draft', null]);
	});

	it('TRACK-7 a website of the approved record is filed with its number, keeps the number while a change of it is reviewed, and the record’s other websites are listed too', () => {
		const approved = {
			websites: [
				{ id: 'w1', name: '示例商城', domain: 'example.cn' },
				{ id: 'w9', name: '旧站', domain: 'old.example.cn' }
			],
			numbers: { w1: '京ICP备12345678号-1', w9: '京ICP备12345678号-2' }
		};
		expect(states(input({ approved, drafts: [] }))).toEqual([
			['w1', 'filed', '京ICP备12345678号-1'],
			['w2', 'draft', null],
			['w9', 'filed', '京ICP备12345678号-2']
		]);
		const rows = websiteStates(input({ approved, drafts: [{ id: 'c1', websiteIds: [], targetWebsiteIds: ['w1'] }], orders: [{ id: 'c1', status: 'provider-review', updatedAt: at(3) }] }));
		expect(rows[0]).toMatchObject({ id: 'w1', state: 'in-review', filingNumber: '京ICP备12345678号-1' });
		expect(rows[2]).toMatchObject({ id: 'w9', name: '旧站', domain: 'old.example.cn', state: 'filed' });
	});

	it('TRACK-7 the next step follows: fix a rejection first, then wait for the outbox, carry on with a draft, wait for review, all filed, or start', () => {
		const row = (state: 'draft' | 'queued' | 'in-review' | 'rejected' | 'filed') => ({ id: state, name: '', domain: '', state, filingNumber: null });
		expect(homeNextStep({ rows: [row('filed'), row('rejected')], hasDraft: true, draftQueued: false })).toBe('fix-rejected');
		expect(homeNextStep({ rows: [row('queued')], hasDraft: false, draftQueued: true })).toBe('wait-send');
		expect(homeNextStep({ rows: [row('draft')], hasDraft: true, draftQueued: false })).toBe('continue');
		expect(homeNextStep({ rows: [row('in-review'), row('filed')], hasDraft: false, draftQueued: false })).toBe('wait-review');
		expect(homeNextStep({ rows: [row('filed'), row('filed')], hasDraft: false, draftQueued: false })).toBe('all-filed');
		expect(homeNextStep({ rows: [], hasDraft: false, draftQueued: false })).toBe('start');
		expect(homeNextStep({ rows: [row('draft')], hasDraft: false, draftQueued: false })).toBe('start');
	});
});
