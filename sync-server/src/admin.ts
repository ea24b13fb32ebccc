/**
 * `npm run admin -- <command>`: the operator's commands. Like `main.ts` it only reads argv and
 * the environment (DATA_DIR) and calls the same factories; every rule lives in the modules it
 * calls. Run it beside a running server or alone: both share the SQLite file.
 *
 *   help                               lists the commands
 *   add-reviewer <email>               adds a reviewer and prints a one-time password
 *   add-service-code [<code>…] [--count N]  adds the given service codes, or N random ones, and prints them
 *   import-legacy <file>               imports the legacy HiChina dataset (JSON lines or CSV), reports refused rows
 *   seed-approved <file.json>          stores approved records (`orders/seed-approved.ts`), all or none
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SCRYPT_COST } from './accounts/passwords.ts';
import { seedApproved } from './orders/seed-approved.ts';
import { importLegacy } from './legacy/import-legacy.ts';
import { SqliteLegacyRecords } from './storage/legacy/sqlite-legacy-stores.ts';
import { addReviewer } from './review/reviewers.ts';
import { addServiceCodes } from './review/service-codes.ts';
import { openDatabase } from './storage/sqlite-doc-store.ts';
import { SqliteRecords } from './storage/records/sqlite-records.ts';
import { SqliteReviewRecords } from './storage/review/sqlite-review-stores.ts';

type Command = (args: string[], stores: () => Stores) => Promise<number>;
interface Stores {
	records: SqliteRecords;
	review: SqliteReviewRecords;
	legacy: SqliteLegacyRecords;
}

const root = resolve(import.meta.dirname, '..', '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Commands by name, with their one-line help; other helpers add theirs here. */
export const COMMANDS: Record<string, { usage: string; help: string; run: Command }> = {
	help: { usage: 'help', help: 'lists the commands / 列出命令', run: async () => (printHelp(), 0) },
	'add-reviewer': {
		usage: 'add-reviewer <email>',
		help: 'adds a reviewer and prints a one-time password / 添加审核员并打印一次性密码',
		run: async (args, stores) => {
			const [email] = args;
			if (!email || args.length !== 1) return usage('add-reviewer');
			const { records, review } = stores();
			const outcome = await addReviewer({ accounts: records.accounts, reviewers: review.reviewers, scryptCost: DEFAULT_SCRYPT_COST, now: Date.now }, email);
			if (!outcome.ok) return err(`refused: ${outcome.failure.message} (${outcome.failure.error})`), 1;
			out(`reviewer ${outcome.value.email}`);
			out(`one-time password: ${outcome.value.password}`);
			out('It must be changed at the first sign-in. / 首次登录须修改密码。');
			return 0;
		}
	},
	'add-service-code': {
		usage: 'add-service-code [<code>…] [--count N]',
		help: 'adds service codes (备案服务号), given or N random ones, and prints them / 添加备案服务号',
		run: async (args, stores) => {
			const countAt = args.indexOf('--count');
			const count = countAt === -1 ? 0 : Number(args[countAt + 1]);
			const codes = countAt === -1 ? args : args.filter((_, i) => i !== countAt && i !== countAt + 1);
			if ((countAt !== -1 && !(Number.isSafeInteger(count) && count > 0 && count <= 1000)) || (codes.length === 0 && count === 0)) return usage('add-service-code');
			const outcome = await addServiceCodes(stores().review.serviceCodes, { codes, count, now: Date.now() });
			if (!outcome.ok) return err(`refused: ${outcome.failure.message}`), 1;
			for (const added of outcome.value.added) out(added);
			for (const existing of outcome.value.existing) err(`exists already: ${existing}`);
			return 0;
		}
	},
	'import-legacy': {
		usage: 'import-legacy <file>',
		help: 'imports legacy HiChina filings (JSON lines or CSV) and reports refused rows / 导入万网旧备案数据',
		run: async (args, stores) => {
			const [file] = args;
			if (!file || args.length !== 1) return usage('import-legacy');
			let content: string;
			try {
				content = readFileSync(file, 'utf8');
			} catch (error) {
				return err(`cannot read ${file}: ${String(error)}`), 1;
			}
			const { legacy, review } = stores();
			const report = await importLegacy(legacy.legacy, content, { scryptCost: DEFAULT_SCRYPT_COST, registry: review.registry });
			out(`added ${report.added}, already there ${report.existing}, refused ${report.refused.length}`);
			for (const r of report.refused) err(`line ${r.line}: refused: ${r.reason}`);
			return report.refused.length > 0 ? 1 : 0;
		}
	},
	'seed-approved': {
		usage: 'seed-approved <file.json>',
		help: 'stores approved records from a JSON file, checked, all or none / 导入已备案信息',
		run: async (args, stores) => {
			const [file] = args;
			if (!file || args.length !== 1) return usage('seed-approved');
			let input: unknown;
			try {
				input = JSON.parse(readFileSync(file, 'utf8'));
			} catch (error) {
				return err(`cannot read ${file} as JSON: ${String(error)}`), 1;
			}
			const outcome = await seedApproved(stores().records, input, Date.now());
			for (const line of outcome.errors) err(line);
			for (const id of outcome.stored) out(`approved record stored for subject ${id}`);
			return outcome.errors.length > 0 ? 1 : 0;
		}
	}
};

function printHelp(): void {
	out('npm run admin -- <command>   (DATA_DIR: the server data folder)');
	for (const { usage: u, help } of Object.values(COMMANDS)) out(`  ${u.padEnd(42)} ${help}`);
}

function usage(name: string): number {
	err(`usage: npm run admin -- ${COMMANDS[name]?.usage ?? name}`);
	return 2;
}

async function main(argv: string[]): Promise<number> {
	const [name = 'help', ...args] = argv;
	const command = COMMANDS[name];
	if (!command) {
		err(`unknown command ${JSON.stringify(name)}`);
		printHelp();
		return 2;
	}
	let opened: Stores | null = null;
	const stores = () => {
		if (opened) return opened;
		mkdirSync(dataDir, { recursive: true });
		const db = openDatabase(join(dataDir, 'beian.sqlite'));
		opened = { records: new SqliteRecords(db), review: new SqliteReviewRecords(db), legacy: new SqliteLegacyRecords(db) };
		return opened;
	};
	try {
		return await command.run(args, stores);
	} finally {
		await (opened as Stores | null)?.records.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
