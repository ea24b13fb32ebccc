/**
 * Puts document references (metadata, as a capture on another device would) into a subject's
 * workspace through the real sync server, with the browser's session cookie — until the
 * document checklist captures them in these journeys. Resolves once the server has them durably.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { DocumentRef } from '../../src/lib/domain/document/document-ref.ts';
import { trackPersisted } from '../../src/lib/sync/persisted.ts';

export async function seedDocuments(options: { baseUrl: string; cookie: string; subjectId: string; documents: readonly DocumentRef[] }): Promise<void> {
	const headers = { cookie: options.cookie, origin: options.baseUrl };
	class HeaderWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(options.baseUrl.replace('http', 'ws') + '/sync', `ws-${options.subjectId}`, doc, {
		WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	try {
		await new Promise<void>((done) => provider.once('sync', () => done()));
		const saved = new Promise<void>((done) => {
			const stop = trackPersisted(provider, (value) => {
				if (value) {
					stop();
					done();
				}
			});
		});
		doc.transact(() => {
			const map = doc.getMap('attachments');
			for (const ref of options.documents) map.set(ref.sha256, { ...ref });
		});
		await saved;
	} finally {
		provider.destroy();
		doc.destroy();
	}
}
