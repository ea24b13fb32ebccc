/**
 * Reading JSON request bodies safely: `Content-Type: application/json` or 415, at most
 * `maxBytes` or 413 (refused from `Content-Length` before reading, or while streaming),
 * well-formed or 400 `invalid-json`, and then parsed with a zod schema or 400 `invalid-input`
 * with zod's issues in `details.issues`. Nothing here throws for bad input.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod/mini';
import { fail, succeed, type Outcome } from '../accounts/outcome.ts';

/** Reads and parses the body; resolves to a failure for anything that is not acceptable JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Outcome<unknown>> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/json') {
		req.resume();
		return fail(415, 'unsupported-media-type', 'Send the body as application/json');
	}
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(req, maxBytes);
	const body = await readBytes(req, maxBytes);
	if (body === 'too-large') return tooLarge(req, maxBytes);
	if (body === 'failed') return fail(400, 'invalid-json', 'The request body could not be read');
	try {
		return succeed(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown);
	} catch {
		return fail(400, 'invalid-json', 'The request body is not valid JSON');
	}
}

/** Collects the body up to `maxBytes`; stops collecting (without destroying the socket) beyond. */
function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large' | 'failed'> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (result: Buffer | 'too-large' | 'failed') => {
			req.off('data', onData).off('end', onEnd).off('error', onError);
			resolve(result);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) finish('too-large');
			else chunks.push(chunk);
		};
		const onEnd = () => finish(Buffer.concat(chunks));
		const onError = () => finish('failed');
		req.on('data', onData).on('end', onEnd).on('error', onError);
	});
}

/** Parses a value with a schema; 400 `invalid-input` with the issues otherwise. */
export function parseInput<T>(schema: z.ZodMiniType<T>, value: unknown): Outcome<T> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return succeed(parsed.data);
	const issues = parsed.error.issues.map(({ code, path, message }) => ({ code, path, message }));
	return fail(400, 'invalid-input', 'The request is not valid', { issues });
}

function tooLarge(req: IncomingMessage, maxBytes: number): Outcome<never> {
	// Discard the rest; the response closes the connection (see respond.ts) so this ends.
	req.resume();
	return fail(413, 'payload-too-large', `The request body is larger than ${maxBytes} bytes`, { maxBytes });
}
