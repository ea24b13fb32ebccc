/**
 * The JSON API under `/api`: a small route table. Every answer is JSON in the one error shape
 * (or 204); a state-changing request from a foreign `Origin` is refused before routing (the
 * server does that for every path, see server.ts, and this keeps `/api` safe on its own too).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiDeps, Route } from './api-call.ts';
import { sendError, sendJson } from './respond.ts';
import { ORDER_ROUTES } from './order-routes.ts';
import { SESSION_ROUTES } from './session-routes.ts';
import { SUBJECT_ROUTES } from './subject-routes.ts';

export type { ApiDeps } from './api-call.ts';

const ROUTES: readonly Route[] = [...SESSION_ROUTES, ...SUBJECT_ROUTES, ...ORDER_ROUTES];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a method changes state (and so needs an allowed Origin). */
export function isStateChanging(method: string | undefined): boolean {
	return !SAFE_METHODS.has(method ?? 'GET');
}

/** Answers 403 `foreign-origin` and returns false when a state-changing request comes from a foreign Origin. */
export function checkOrigin(req: IncomingMessage, res: ServerResponse, isAllowed: (origin: string | undefined) => boolean): boolean {
	if (!isStateChanging(req.method) || isAllowed(req.headers.origin)) return true;
	sendError(res, 403, 'foreign-origin', 'Requests from this origin are not allowed');
	return false;
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, deps: ApiDeps): Promise<void> {
	if (!checkOrigin(req, res, (origin) => deps.accounts.isAllowedOrigin(origin))) return;
	if (pathname === '/api/health') {
		if (req.method !== 'GET') return sendError(res, 405, 'method-not-allowed', 'Method not allowed');
		return sendJson(res, 200, {
			status: 'ok',
			version: deps.version,
			uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
			rooms: deps.roomsInMemory()
		});
	}
	const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(pathname) })).filter((m) => m.match !== null);
	const found = matching.find((m) => m.route.method === req.method);
	if (!found?.match) {
		if (matching.length > 0) return sendError(res, 405, 'method-not-allowed', 'Method not allowed');
		return sendError(res, 404, 'not-found', 'No such API endpoint');
	}
	const params = found.match.slice(1).map(decodeParam);
	if (params.some((p) => p === null)) return sendError(res, 404, 'not-found', 'No such API endpoint');
	await found.route.handle({ req, res, deps, params: params as string[] });
}

function decodeParam(value: string | undefined): string | null {
	try {
		return decodeURIComponent(value ?? '');
	} catch {
		return null;
	}
}
