/**
 * What the server knows for the filing type (the approved-record store): whether the subject is
 * filed here, and whether a domain is filed here. Null offline or on any failure — the person's
 * own answers stand then (the server re-derives when the order arrives).
 */
import { FilingFactsResponseSchema, type FilingFactsResponse } from '../domain/order/order-wire.ts';

export async function fetchFilingFacts(subjectId: string, domain = ''): Promise<FilingFactsResponse | null> {
	const query = domain.trim() ? `?domain=${encodeURIComponent(domain.trim())}` : '';
	try {
		const response = await fetch(`/api/subjects/${encodeURIComponent(subjectId)}/filing-facts${query}`, { credentials: 'same-origin' });
		if (!response.ok) return null;
		const parsed = FilingFactsResponseSchema.safeParse(await response.json());
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
