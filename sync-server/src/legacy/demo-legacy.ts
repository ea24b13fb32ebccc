/**
 * The embedded default's DEMO legacy dataset (clearly marked: every name says 演示/demo and
 * every e-mail is under `demo.invalid`). Seeded at start unless `LEGACY_DEMO=off`, which
 * removes the demo subjects nobody attached. README lists the demo logins:
 * - `demo-individual` / `demo-pass-1`: an individual with one website;
 * - `demo-company` / `demo-pass-2`: an organization with two websites;
 * - `demo-forgotten`: its password is random and unknown ("forgotten"), for e-mail initialization;
 * - two filings no login holds (`claim-demo-one.cn`, `claim-demo-two.cn`), for claims.
 */
import { randomBytes } from 'node:crypto';
import type { ScryptCost } from '../accounts/passwords.ts';
import type { LegacySubjectStore } from '../storage/legacy/legacy-stores.ts';
import type { RegistryStore } from '../storage/review/review-stores.ts';
import { importLegacy, type ImportReport, type LegacyRow } from './import-legacy.ts';

const person = { subjectType: 'individual', certificateType: 'resident-id-card', province: 'ZJ' } as const;

export const DEMO_LEGACY_ROWS: readonly LegacyRow[] = [
	{
		...person,
		loginId: 'demo-individual',
		loginEmail: 'individual@demo.invalid',
		password: 'demo-pass-1',
		certificateNumber: '330106198001010013',
		name: '演示用户张三 (demo)',
		filedOn: '2009-03-12',
		websites: [{ domain: 'zhang-demo.cn', name: '张三的演示博客', number: '浙ICP备09000001号-1' }]
	},
	{
		loginId: 'demo-company',
		loginEmail: 'company@demo.invalid',
		password: 'demo-pass-2',
		subjectType: 'enterprise',
		certificateType: 'uscc-certificate',
		certificateNumber: '91110000101623741K',
		name: '演示科技有限公司 (demo)',
		province: 'BJ',
		filedOn: '2008-07-01',
		websites: [
			{ domain: 'company-demo.cn', name: '演示公司官网', number: '京ICP备08000002号-1' },
			{ domain: 'shop-demo.cn', name: '演示公司商城', number: '京ICP备08000002号-2' }
		]
	},
	{
		...person,
		loginId: 'demo-forgotten',
		loginEmail: 'old-mailbox@demo.invalid',
		password: '',
		certificateNumber: '330102198505050021',
		name: '演示用户李四 (demo)',
		filedOn: '2009-11-20',
		websites: [{ domain: 'li-demo.cn', name: '李四的演示相册', number: '浙ICP备09000003号-1' }]
	},
	{ ...person, certificateNumber: '330103199009090033', name: '演示用户王五 (demo)', filedOn: '2007-05-08', websites: [{ domain: 'claim-demo-one.cn', name: '王五的演示站', number: '浙ICP备07000004号-1' }] },
	{ ...person, certificateNumber: '330104197503030041', name: '演示用户赵六 (demo)', filedOn: '2006-09-30', websites: [{ domain: 'claim-demo-two.cn', name: '赵六的演示站', number: '浙ICP备06000005号-1' }] }
];

/** Seeds the demo dataset (again: existing subjects stay as they are). */
export function seedDemoLegacy(store: LegacySubjectStore, registry: RegistryStore, scryptCost: ScryptCost): Promise<ImportReport> {
	const lines = DEMO_LEGACY_ROWS.map((row) => JSON.stringify(row.loginId === 'demo-forgotten' ? { ...row, password: randomBytes(18).toString('base64url') } : row));
	return importLegacy(store, lines.join('\n'), { scryptCost, demo: true, registry });
}
