/**
 * The orders API (issue 10; bodies in `src/lib/domain/order/order-wire.ts`): sending an order
 * (PUT, idempotent), listing and reading orders, the applicant's lifecycle moves, the approved
 * record, the filing-type facts, and the access provider operating this server.
 */
import {
	ORDER_BODY_MAX_BYTES,
	OrderEventRequestSchema,
	PutOrderRequestSchema
} from '../../../src/lib/domain/order/order-wire.ts';
import { admitSubmit, readBody, reply, requireSession, type ApiCall, type Route } from './api-call.ts';
import { sendFailure, sendJson } from './respond.ts';
import { subjectParam } from './subject-routes.ts';

const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The `:orderId` of an order path, or null after answering 400. */
function orderParam(call: ApiCall): string | null {
	const id = call.params[1] ?? '';
	if (ORDER_ID.test(id)) return id;
	sendFailure(call.res, { status: 400, error: 'invalid-input', message: 'An order id is 1–64 letters, digits, _ or -' });
	return null;
}

async function putOrder(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	const orderId = subjectId && orderParam(call);
	const admitted = orderId && (await admitSubmit(call, session.accountId));
	const body = admitted && (await readBody(call, PutOrderRequestSchema, ORDER_BODY_MAX_BYTES));
	if (!session || !subjectId || !orderId || !body) return;
	const outcome = await call.deps.orders.put(session.accountId, subjectId, orderId, body.order);
	if (!outcome.ok) return sendFailure(call.res, outcome.failure);
	sendJson(call.res, outcome.value.created ? 201 : 200, { order: outcome.value.order, summary: outcome.value.summary });
}

async function listOrders(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	if (!session || !subjectId) return;
	reply(call, await call.deps.orders.list(session.accountId, subjectId), 200, (orders) => ({ orders }));
}

async function getOrder(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	const orderId = subjectId && orderParam(call);
	if (!session || !subjectId || !orderId) return;
	reply(call, await call.deps.orders.get(session.accountId, subjectId, orderId), 200, (found) => found);
}

async function orderEvent(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	const orderId = subjectId && orderParam(call);
	const body = orderId && (await readBody(call, OrderEventRequestSchema));
	if (!session || !subjectId || !orderId || !body) return;
	reply(call, await call.deps.orders.event(session.accountId, subjectId, orderId, body), 200, (summary) => ({ summary }));
}

async function approvedRecord(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	if (!session || !subjectId) return;
	reply(call, await call.deps.orders.approved(session.accountId, subjectId), 200, (record) => ({ record }));
}

async function filingFacts(call: ApiCall): Promise<void> {
	const session = await requireSession(call);
	const subjectId = session && subjectParam(call);
	if (!session || !subjectId) return;
	const domain = new URL(call.req.url ?? '/', 'http://localhost').searchParams.get('domain');
	if (domain !== null && (domain.trim() === '' || domain.length > 253)) return sendFailure(call.res, { status: 400, error: 'invalid-input', message: 'domain is 1–253 characters' });
	reply(call, await call.deps.orders.filingFacts(session.accountId, subjectId, domain), 200, (facts) => facts);
}

async function provider(call: ApiCall): Promise<void> {
	sendJson(call.res, 200, call.deps.orders.provider());
}

const ORDER = /^\/api\/subjects\/([^/]+)\/orders\/([^/]+)$/;

export const ORDER_ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/api\/provider$/, handle: provider },
	{ method: 'GET', pattern: /^\/api\/subjects\/([^/]+)\/orders$/, handle: listOrders },
	{ method: 'PUT', pattern: ORDER, handle: putOrder },
	{ method: 'GET', pattern: ORDER, handle: getOrder },
	{ method: 'POST', pattern: /^\/api\/subjects\/([^/]+)\/orders\/([^/]+)\/events$/, handle: orderEvent },
	{ method: 'GET', pattern: /^\/api\/subjects\/([^/]+)\/approved$/, handle: approvedRecord },
	{ method: 'GET', pattern: /^\/api\/subjects\/([^/]+)\/filing-facts$/, handle: filingFacts }
];
