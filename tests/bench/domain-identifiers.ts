/**
 * Median time of the part-1 identifier parsers (one call each over a realistic set of person,
 * subject and website identifiers). Run: `node tests/bench/domain-identifiers.ts`.
 * Prints one JSON line per measurement so a bench runner can collect it.
 */
import { parseEmail } from '../../src/lib/domain/contact/email.ts';
import { parseMobile } from '../../src/lib/domain/contact/phone.ts';
import { parseDomain } from '../../src/lib/domain/domain-name/domain.ts';
import { parseFilingNumber } from '../../src/lib/domain/filing-number/filing-number.ts';
import { parseResidentId } from '../../src/lib/domain/identity/resident-id.ts';
import { parseUscc } from '../../src/lib/domain/identity/uscc.ts';

const ROUNDS = 2000;

function validateIdentifiers(websites: number): void {
	parseUscc('91330106673959654P');
	parseResidentId('11010519491231002X');
	parseMobile('13800138000');
	parseEmail('admin@example.com');
	for (let i = 0; i < websites; i++) {
		parseDomain(`site${i}.example.com.cn`);
		parseResidentId('120223198902021249');
		parseMobile('+86 139 0013 8000');
		parseEmail(`web${i}@例子.中国`);
		parseFilingNumber(`浙ICP备2026012345号-${i + 1}`);
	}
}

function median(samples: number[]): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const samples: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
	const t0 = performance.now();
	validateIdentifiers(10);
	samples.push(performance.now() - t0);
}
console.log(JSON.stringify({ name: 'domain identifiers of an order with 10 websites', medianMs: Number(median(samples).toFixed(4)), rounds: ROUNDS }));
