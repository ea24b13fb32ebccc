/**
 * The rule catalogue contract (STYLE.md §3, issue 3), generic over the whole of RULES.md so every
 * part of the domain core is held to it: each rule ID listed has a zh-CN and an English message
 * with the same placeholders, and is cited literally at the start of at least one test title
 * somewhere under tests/.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rulesMd = readFileSync(join(root, 'src/lib/domain/RULES.md'), 'utf8');
const catalogues = {
	'zh-CN': JSON.parse(readFileSync(join(root, 'src/lib/i18n/messages/rules/zh-CN.json'), 'utf8')) as Record<string, unknown>,
	en: JSON.parse(readFileSync(join(root, 'src/lib/i18n/messages/rules/en.json'), 'utf8')) as Record<string, unknown>
};

const RULE_ID = /^[A-Z]+(?:-[A-Z]+)*-\d+$/;
const ruleIds = rulesMd
	.split('\n')
	.map((line) => /^\|\s*([A-Z][A-Z0-9-]*-\d+)\s*\|/.exec(line)?.[1])
	.filter((id): id is string => id !== undefined && RULE_ID.test(id));

function specFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		if (name === 'node_modules') return [];
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return specFiles(path);
		return /\.(spec|e2e)\.ts$/.test(name) ? [path] : [];
	});
}

/** IDs written at the start of a test or describe title: `it('ID-3 …'`, `` it.each(…)(`ID-3 …` ``. */
function citedIds(): Set<string> {
	const cited = new Set<string>();
	const title = /\b(?:it|test|describe)(?:\.each\([\s\S]*?\))?\(\s*['"`]((?:[A-Z]+(?:-[A-Z]+)*-\d+[ ,]+)+)/g;
	const dynamic = /\$\{rule\}/;
	for (const file of specFiles(join(root, 'tests'))) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(title)) for (const id of (m[1] ?? '').split(/[ ,]+/)) if (RULE_ID.test(id)) cited.add(id);
		if (dynamic.test(text)) for (const m of text.matchAll(/'([A-Z]+(?:-[A-Z]+)*-\d+)':/g)) if (m[1]) cited.add(m[1]);
	}
	return cited;
}

const placeholders = (message: unknown) =>
	typeof message === 'string' ? [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : [];

describe('rule catalogue (RULES.md)', () => {
	const cited = citedIds();

	it('RULES.md lists rule IDs, each once', () => {
		expect(ruleIds.length).toBeGreaterThan(0);
		expect(new Set(ruleIds).size).toBe(ruleIds.length);
	});

	it.each(ruleIds)('%s has a zh-CN and an English message with the same placeholders', (id) => {
		const key = `rule_${id.replace(/-/g, '_')}`;
		const zh = catalogues['zh-CN'][key];
		const en = catalogues.en[key];
		expect(typeof zh === 'string' && zh.trim().length > 0, `${key} missing in zh-CN.json`).toBe(true);
		expect(typeof en === 'string' && en.trim().length > 0, `${key} missing in en.json`).toBe(true);
		expect(placeholders(zh)).toEqual(placeholders(en));
	});

	it.each(ruleIds)('%s is cited at the start of a test title', (id) => {
		expect(cited.has(id), `no test title starts with ${id}`).toBe(true);
	});
});
