/**
 * The import direction of STYLE.md (routes → ui/state → storage, sync → domain; ui is
 * presentational), checked against the real lint config: probe sources are linted as if they
 * lived in each layer's folder (ESLint `lintText` with a `filePath` there), and every forbidden import must be reported — while the allowed ones must not, so the
 * test cannot pass by a config that forbids everything.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';

interface Layer {
	/** A probe path inside the layer's folder (need not exist). */
	probe: string;
	forbidden: string[];
	allowed: string[];
}

// Each import line is linted alone; `import type` lines check where types may still pass.
const LAYERS: Record<string, Layer> = {
	routes: {
		probe: 'src/routes/members/lint-probe.ts',
		forbidden: [
			"import { api } from '$lib/sync/api.ts';",
			"import { createDb } from '$lib/storage/db.ts';",
			"import { Dexie } from 'dexie';",
			"import * as Y from 'yjs';",
			"import { WebsocketProvider } from 'y-websocket';",
			"import { Upload } from 'tus-js-client';",
			"import * as awareness from 'y-protocols/awareness';",
			"import { validateSubject } from '$lib/domain/index.ts';"
		],
		allowed: ["import { useSession } from '$lib/state/context.ts';", "import FormError from '$lib/ui/FormError.svelte';", "import type { Role } from '$lib/sync/api.ts';", "import { SUBJECT_TYPES } from '$lib/domain/subject/subject-type.ts';"]
	},
	ui: {
		probe: 'src/lib/ui/lint-probe.ts',
		forbidden: [
			"import { api } from '../sync/api.ts';",
			"import { connectWorkspace } from '../sync/workspace-sync.ts';",
			"import { createDb } from '../storage/db.ts';",
			"import { useSession } from '../state/context.ts';",
			"import type { SessionState } from '../state/session.svelte.ts';",
			"import * as Y from 'yjs';",
			"import * as awareness from 'y-protocols/awareness';",
			"import { Upload } from 'tus-js-client';",
			"import { validateSubject } from '../domain/index.ts';",
			"import { Dexie } from 'dexie';"
		],
		allowed: ["import FormError from './FormError.svelte';", "import { m } from '../i18n/paraglide/messages.js';", "import type { SyncStatus } from '../sync/workspace-sync.ts';", "import { isStateBody } from '../domain/subject/subject-type.ts';"]
	},
	state: {
		probe: 'src/lib/state/lint-probe.svelte.ts',
		forbidden: ["import FormError from '../ui/FormError.svelte';", "import * as Y from 'yjs';", "import { Dexie } from 'dexie';", "import { WebsocketProvider } from 'y-websocket';", "import { validateSubject } from '../domain/index.ts';"],
		allowed: ["import { api } from '../sync/api.ts';", "import { createDb } from '../storage/db.ts';", "import type * as Y from 'yjs';", "import { createSubscriber } from 'svelte/reactivity';"]
	},
	storage: {
		probe: 'src/lib/storage/lint-probe.ts',
		forbidden: ["import { api } from '../sync/api.ts';", "import { SessionState } from '../state/session.svelte.ts';", "import { m } from '../i18n/paraglide/messages.js';", "import { WebsocketProvider } from 'y-websocket';", "import { onMount } from 'svelte';"],
		allowed: ["import { Dexie } from 'dexie';", "import * as Y from 'yjs';", "import { RoleSchema } from '../domain/account/account.ts';"]
	},
	sync: {
		probe: 'src/lib/sync/transfers/lint-probe.ts',
		forbidden: [
			"import { TRANSFER_VERSION } from '../../storage/transfers.ts';",
			"import { createDb } from '$lib/storage/db.ts';",
			"import { Dexie } from 'dexie';",
			"import { SessionState } from '../../state/session.svelte.ts';",
			"import { m } from '../../i18n/paraglide/messages.js';",
			"import { onMount } from 'svelte';"
		],
		allowed: ["import type { TransferRecord } from '../../storage/transfers.ts';", "import * as Y from 'yjs';", "import { Upload } from 'tus-js-client';", "import { roomNameFor } from '../../domain/workspace/room.ts';"]
	},
	capture: {
		probe: 'src/lib/capture/lint-probe.ts',
		forbidden: ["import { m } from '../i18n/paraglide/messages.js';", "import { createDb } from '../storage/db.ts';", "import { api } from '../sync/api.ts';", "import * as Y from 'yjs';", "import { onMount } from 'svelte';", "import { validateSubject } from '../domain/index.ts';"],
		allowed: ["import { checkImage } from '../domain/image/image-acceptance.ts';", "import { fitLongEdge } from './metrics.ts';"]
	},
	i18n: {
		probe: 'src/lib/i18n/lint-probe.ts',
		forbidden: ["import { api } from '../sync/api.ts';", "import { useSession } from '../state/context.ts';", "import { createDb } from '../storage/db.ts';"],
		allowed: ["import type { ApiFailure } from '../sync/api.ts';", "import { m } from './paraglide/messages.js';"]
	},
	domain: {
		probe: 'src/lib/domain/subject/lint-probe.ts',
		forbidden: ["import * as Y from 'yjs';", "import type { Role } from '../../sync/api.ts';", "import { m } from '../../i18n/paraglide/messages.js';", "import { readFileSync } from 'node:fs';", "import { z } from 'zod'; import { x } from '../../storage/db.ts';"],
		allowed: ["import { z } from 'zod/mini';", "import { isStateBody } from './subject-type.ts';"]
	},
	'sync-server': {
		probe: 'sync-server/src/lint-probe.ts',
		forbidden: ["import { api } from '../../src/lib/sync/api.ts';", "import { createDb } from '../../src/lib/storage/db.ts';", "import { Dexie } from 'dexie';"],
		allowed: ["import { CLOSE } from '../../src/lib/sync/protocol.ts';", "import { isStateBody } from '../../src/lib/domain/subject/subject-type.ts';"]
	}
};

let eslint: ESLint;

async function lintOne(source: string, filePath: string): Promise<ESLint.LintResult> {
	const [result] = await eslint.lintText(source, { filePath: `${root}/${filePath}` });
	if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
	return result;
}

async function restrictionsFor(filePath: string, source: string): Promise<string[]> {
	const result = await lintOne(`${source}\nexport {};\n`, filePath);
	const fatal = result.messages.filter((message) => message.fatal);
	expect(fatal, `${filePath} must parse`).toEqual([]);
	return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

beforeAll(() => {
	eslint = new ESLint({
		cwd: root,
		overrideConfigFile: `${root}/tests/eslint.config.js`,
		// Probes are not on disk, so the TypeScript project service cannot type them: parse them
		// untyped and run only the rule under test (it needs no type information).
		overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
		ruleFilter: ({ ruleId }) => ruleId === RULE
	});
});

describe('import direction (tests/eslint.config.js)', () => {
	for (const [name, layer] of Object.entries(LAYERS)) {
		it(`${name}: every forbidden import is reported`, async () => {
			for (const source of layer.forbidden) expect(await restrictionsFor(layer.probe, source), source).not.toEqual([]);
		});
		it(`${name}: the allowed imports pass`, async () => {
			for (const source of layer.allowed) expect(await restrictionsFor(layer.probe, source), source).toEqual([]);
		});
	}

	it('applies to Svelte components too', async () => {
		const source = "<script lang=\"ts\">\n\timport { api } from '$lib/sync/api.ts';\n\tvoid api;\n</script>\n";
		const result = await lintOne(source, 'src/routes/members/LintProbe.svelte');
		expect(result.messages.filter((message) => message.ruleId === RULE)).toHaveLength(1);
	});
});
