/**
 * Service codes (备案服务号, domain-research §5.8; SVC-1…3): the operator issues one per server
 * or instance; a submitted order must name codes that exist and are unused (422
 * `service-code-invalid`), and approval uses them for good.
 */
import { randomBytes } from 'node:crypto';
import { SERVICE_CODE_PATTERN } from '../../../src/lib/domain/order/order-checks.ts';
import { isCancelKind } from '../../../src/lib/domain/operation/operation-kind.ts';
import type { Order } from '../../../src/lib/domain/order/order.ts';
import { fail, succeed, type Outcome } from '../accounts/outcome.ts';
import type { ServiceCodeStore } from '../storage/review/review-stores.ts';

/** A random code: `BA-` and 12 upper-case hex digits. */
export function newServiceCode(): string {
	return `BA-${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The service codes an order names (trimmed, once each, empty ones left out). */
export function serviceCodesOf(order: Pick<Order, 'websites'>): string[] {
	return [...new Set(order.websites.map((w) => w.access.serviceCode.trim()).filter((c) => c !== ''))];
}

/** Adds the given codes (each checked against the pattern) and `count` random ones. */
export async function addServiceCodes(store: ServiceCodeStore, request: { codes: readonly string[]; count: number; now: number }): Promise<Outcome<{ added: string[]; existing: string[] }>> {
	const bad = request.codes.find((c) => !SERVICE_CODE_PATTERN.test(c));
	if (bad !== undefined) return fail(400, 'invalid-input', `Not a service code (letters, digits and -, 1–64): ${JSON.stringify(bad)}`);
	const codes = [...request.codes, ...Array.from({ length: request.count }, newServiceCode)];
	const added: string[] = [];
	const existing: string[] = [];
	for (const code of codes) ((await store.add(code, request.now)) === 'added' ? added : existing).push(code);
	return succeed({ added, existing });
}

/**
 * SVC-1: the codes of an order that are unknown or used by another subject's filing; empty when
 * all are fine. A cancellation names codes already in use and is not checked.
 */
export async function unusableServiceCodes(store: ServiceCodeStore, subjectId: string, order: Pick<Order, 'websites' | 'kind'>): Promise<string[]> {
	if (isCancelKind(order.kind)) return [];
	const codes = serviceCodesOf(order);
	const found = await Promise.all(codes.map((c) => store.get(c)));
	return codes.filter((_, i) => {
		const row = found[i];
		return !row || (row.usedBy !== null && row.usedBy.subjectId !== subjectId);
	});
}
