/** The JSON API under `/api`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from './respond.ts';

export interface ApiContext {
	version: string;
	startedAt: number;
	roomsInMemory: () => number;
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, context: ApiContext): Promise<void> {
	if (pathname === '/api/health') {
		if (req.method !== 'GET') return sendError(res, 405, 'method-not-allowed', 'Method not allowed');
		return sendJson(res, 200, {
			status: 'ok',
			version: context.version,
			uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
			rooms: context.roomsInMemory()
		});
	}
	sendError(res, 404, 'not-found', 'No such API endpoint');
}
