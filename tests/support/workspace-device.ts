/**
 * Another device of the account signed in on a Playwright page: a wire client (Node) on the
 * subject's workspace room, with the page's session cookie, that edits the doc through the
 * app's own bindings (`src/lib/sync/bindings/*`) — the way e2e journeys fill draft fields no
 * screen offers yet. It returns once the server has made the edits durable, so the page
 * receives them like a collaborator's.
 */
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { connectWireClient, waitSynced } from './sync-wire-client.ts';

function covers(durable: Uint8Array | null, local: Uint8Array): boolean {
	if (!durable) return false;
	const saved = Y.decodeStateVector(durable);
	return [...Y.decodeStateVector(local)].every(([client, clock]) => (saved.get(client) ?? 0) >= clock);
}

/** Runs `edit` on the page's subject workspace from a second device; resolves when the server holds it. */
export async function editWorkspaceFromDevice<T>(page: Page, baseUrl: string, edit: (doc: Y.Doc) => T, timeoutMs = 10_000): Promise<T> {
	const room = await page.evaluate(async () => {
		const me = (await (await fetch('/api/me')).json()) as { subject: { workspaceRoom: string } | null };
		return me.subject?.workspaceRoom ?? null;
	});
	if (!room) throw new Error('the page has no bound subject');
	const cookie = (await page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
	const client = await connectWireClient({ url: `${baseUrl.replace(/^http/, 'ws')}/sync/${room}`, headers: { cookie, origin: baseUrl } });
	try {
		await waitSynced(client);
		const result = edit(client.doc);
		const deadline = Date.now() + timeoutMs;
		while (!covers(client.durable, Y.encodeStateVector(client.doc))) {
			if (Date.now() > deadline) throw new Error('the server did not confirm the edits');
			await new Promise((done) => setTimeout(done, 50));
		}
		return result;
	} finally {
		client.close();
	}
}
