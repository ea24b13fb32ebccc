/**
 * One API request and the helpers every route uses: the session (401 when missing; the
 * cookie is re-sent when the session was renewed), the parsed body, and sending outcomes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod/mini';
import type { AccessLimits } from '../access/limits.ts';
import type { Accounts, Authenticated } from '../accounts/accounts.ts';
import type { ClientInfo } from '../accounts/account-service.ts';
import { rateLimited, UNAUTHENTICATED, type Outcome } from '../accounts/outcome.ts';
import { clientIp, userAgentOf } from '../accounts/request-info.ts';
import type { Logger } from '../log.ts';
import type { LegacyDesk } from '../legacy/legacy-desk.ts';
import type { OrderService } from '../orders/order-service.ts';
import type { ReviewDesk } from '../review/review-desk.ts';
import type { ReviewerDeps } from '../review/reviewers.ts';
import type { RateLimit } from '../accounts/rate-limit.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { ReviewRecords } from '../storage/review/review-stores.ts';
import { parseInput, readJsonBody } from './json-body.ts';
import { sendFailure, sendJson, sendNoContent } from './respond.ts';

export interface ApiDeps {
	accounts: Accounts;
	limits: AccessLimits;
	logger: Logger;
	version: string;
	startedAt: number;
	roomsInMemory: () => number;
	orders: OrderService;
	/** The review desk, its stores and the public registry's limiter (issue 12). */
	review: ReviewApiDeps;
	/** Account requests, legacy import, password retrieval, inbox (issue 12). */
	legacy: LegacyDesk;
	/** Order and account-request PUTs per account (`limits.submitsPerAccount`). */
	submitLimiter: RateLimit;
}

export interface ReviewApiDeps {
	desk: ReviewDesk;
	records: ReviewRecords;
	reviewerDeps: ReviewerDeps;
	blobStore: BlobStore | null;
	holders: { subjectHoldsBlob(subjectId: string, sha256: string): Promise<boolean> };
	registryLimiter: RateLimit;
	now: () => number;
}

export interface ApiCall {
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	readonly deps: ApiDeps;
	/** Path parameters captured by the route's pattern, URI-decoded. */
	readonly params: readonly string[];
}

export interface Route {
	readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	readonly pattern: RegExp;
	handle(call: ApiCall): Promise<void>;
}

/** The signed-in session, or null after answering 401. */
export async function requireSession(call: ApiCall): Promise<Authenticated | null> {
	const session = await call.deps.accounts.authenticate(call.req);
	if (!session) {
		sendFailure(call.res, UNAUTHENTICATED);
		return null;
	}
	if (session.renewedToken !== null) call.res.setHeader('set-cookie', call.deps.accounts.cookieFor(call.req, session.renewedToken));
	return session;
}

/** The body parsed with `schema`, or null after answering 400/413/415; `maxBytes` defaults to the JSON body limit. */
export async function readBody<T>(call: ApiCall, schema: z.ZodMiniType<T>, maxBytes = call.deps.limits.jsonBodyBytes): Promise<T | null> {
	const body = await readJsonBody(call.req, maxBytes);
	const parsed = body.ok ? parseInput(schema, body.value) : body;
	if (!parsed.ok) {
		sendFailure(call.res, parsed.failure);
		return null;
	}
	return parsed.value;
}

/** Sends `status` with `toBody(value)` on success, the failure otherwise; 204 when `toBody` is omitted. */
export function reply<T>(call: ApiCall, outcome: Outcome<T>, status: number, toBody?: (value: T) => unknown): void {
	if (!outcome.ok) return sendFailure(call.res, outcome.failure);
	if (!toBody) return sendNoContent(call.res);
	sendJson(call.res, status, toBody(outcome.value));
}

export function clientOf(call: ApiCall): ClientInfo {
	return { ip: clientIp(call.req, call.deps.accounts.trustProxy), userAgent: userAgentOf(call.req) };
}

/**
 * Counts one order or account-request PUT for the account before its body is read (a full
 * re-validation of up to 1 MiB each); past the limit answers 429 `rate-limited` with
 * `Retry-After`, closes the connection (the body stays unread) and returns false.
 */
export async function admitSubmit(call: ApiCall, accountId: string): Promise<boolean> {
	const limit = await call.deps.submitLimiter.take(accountId);
	if (limit.allowed) return true;
	call.res.setHeader('connection', 'close');
	const limited = rateLimited(limit.retryAfterSeconds);
	if (!limited.ok) sendFailure(call.res, limited.failure);
	return false;
}
