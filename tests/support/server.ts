/**
 * Starts a real Beian server on port 0 over a SQLite database in a temporary data folder,
 * signs accounts up through its real HTTP API, and connects real y-websocket clients that
 * carry the session cookie (as a browser on the app's origin would).
 */
import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { trackPersisted } from '../../src/lib/sync/persisted.ts';
import type { AccessLimits } from '../../sync-server/src/access/limits.ts';
import { silentLogger } from '../../sync-server/src/log.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../sync-server/src/server.ts';
import { openDatabase, SqliteDocStore } from '../../sync-server/src/storage/sqlite-doc-store.ts';
import { SqliteRecords } from '../../sync-server/src/storage/records/sqlite-records.ts';
import { SqliteReviewRecords } from '../../sync-server/src/storage/review/sqlite-review-stores.ts';
import { SqliteLegacyRecords } from '../../sync-server/src/storage/legacy/sqlite-legacy-stores.ts';
import { createMailer, DEFAULT_MAIL_FROM } from '../../sync-server/src/legacy/mailer.ts';

/** Limits for tests that do not test limits: explicit and finite, just high enough for a suite. */
export const TEST_LIMITS: AccessLimits = {
	signInPerIp: { max: 1000, windowSeconds: 60 },
	signInPerAccount: { max: 100, windowSeconds: 60 },
	signInPerAccountTotal: { max: 1000, windowSeconds: 60 },
	registerPerIp: { max: 1000, windowSeconds: 60 },
	jsonBodyBytes: 16 * 1024,
	syncMessagesPerSecond: 10_000,
	syncMessageBurst: 20_000,
	submitsPerAccount: { max: 1000, windowSeconds: 60 }
};

/** A cheaper scrypt cost than production (2^15) so suites that register many accounts stay quick. */
export const TEST_PASSWORD_COST = { log2N: 12, r: 8, p: 1 };

export type TestServerOptions = Partial<Omit<ServerOptions, 'docStore' | 'records' | 'review' | 'legacy'>> & { dataDir?: string };

export interface TestServer {
	server: RunningServer;
	/** The server's records (seeding and inspecting stores the API does not expose, e.g. approved records). */
	records: SqliteRecords;
	/** The review desk's stores (seeding service codes, reviewers; inspecting numbers and the registry). */
	review: SqliteReviewRecords;
	/** Account requests and legacy filings (seeding the legacy dataset). Mail goes to `<dataDir>/mail/*.eml`. */
	legacy: SqliteLegacyRecords;
	dataDir: string;
	/** Starts again on the same data folder (and the same port when possible). */
	restart(): Promise<TestServer>;
	/** Stops the server and deletes the data folder. */
	dispose(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'beian-test-'));
	const db = openDatabase(join(dataDir, 'beian.sqlite'));
	const records = new SqliteRecords(db);
	const review = new SqliteReviewRecords(db);
	const legacy = new SqliteLegacyRecords(db);
	const server = await startServer({
		port: 0,
		host: '127.0.0.1',
		staticDir: null,
		logger: silentLogger,
		passwordHashCost: TEST_PASSWORD_COST,
		mailer: createMailer({ smtpUrl: null, mailDir: join(dataDir, 'mail'), from: DEFAULT_MAIL_FROM, logger: silentLogger }),
		...options,
		limits: { ...TEST_LIMITS, ...options.limits },
		docStore: new SqliteDocStore(db),
		records,
		review,
		legacy
	});
	return {
		server,
		records,
		review,
		legacy,
		dataDir,
		async restart() {
			await server.close();
			return startTestServer({ ...options, port: server.port, dataDir });
		},
		async dispose() {
			await server.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A parsed JSON body, loosely typed for assertions: every property is another body (cast leaves with `String()` or `as`). */
export interface JsonBody {
	readonly [key: string]: JsonBody;
}

/** Where a server listens: a server started in process, or one spawned as a process. */
export type ServerAddress = Pick<RunningServer, 'url'>;

export interface ApiResponse {
	status: number;
	body: JsonBody;
	headers: Headers;
	/** `beian_session=<token>` (or `__Host-beian_session=…` over HTTPS) when the response set a non-empty session cookie. */
	cookie: string | null;
}

export interface ApiOptions {
	body?: unknown;
	/** Sent as is, instead of JSON.stringify(body). */
	rawBody?: string;
	cookie?: string | null;
	/** Origin header; defaults to the server's own origin; null sends none. */
	origin?: string | null;
	contentType?: string;
	headers?: Record<string, string>;
}

/** One request to the server's HTTP API, as the app would send it. */
export async function api(server: ServerAddress, method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse> {
	const headers: Record<string, string> = { ...options.headers };
	const origin = options.origin === undefined ? server.url : options.origin;
	if (origin !== null) headers.origin = origin;
	if (options.cookie) headers.cookie = options.cookie;
	const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
	const response = await fetch(server.url + path, { method, headers, body: payload });
	const text = await response.text();
	const setCookie = response.headers.get('set-cookie') ?? '';
	const [, name, token] = /((?:__Host-)?beian_session)=([^;]*)/.exec(setCookie) ?? [];
	const body = (text === '' ? null : JSON.parse(text)) as JsonBody;
	return { status: response.status, body, headers: response.headers, cookie: token ? `${name}=${token}` : null };
}

let sequence = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++sequence}`;

export interface SignedInAccount {
	cookie: string;
	account: { id: string; email: string };
	email: string;
	password: string;
}

/** Registers a fresh account (signed in). */
export async function signUp(server: ServerAddress, options: { email?: string; password?: string } = {}): Promise<SignedInAccount> {
	const email = options.email ?? `user-${unique()}@example.com`;
	const password = options.password ?? 'correct horse battery';
	const res = await api(server, 'POST', '/api/accounts', { body: { email, password } });
	if (res.status !== 201 || !res.cookie) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
	const account = { id: String(res.body.account?.id), email: String(res.body.account?.email) };
	return { cookie: res.cookie, account, email, password };
}

/** A valid, unique passport number for an individual subject. */
export function uniquePassport(): string {
	return `E${String(Date.now() % 1e6).padStart(6, '0')}${String(++sequence).padStart(4, '0')}`;
}

export interface OwnerWithSubject extends SignedInAccount {
	subjectId: string;
	workspaceRoom: string;
	factsRoom: string;
}

/** Registers an account and binds a fresh subject to it (an individual with a passport). */
export async function signUpWithSubject(server: ServerAddress, name = '张三'): Promise<OwnerWithSubject> {
	const owner = await signUp(server);
	const body = { subjectType: 'individual', certificateType: 'passport', certificateNumber: uniquePassport(), name };
	const res = await api(server, 'POST', '/api/subject', { cookie: owner.cookie, body });
	if (res.status !== 201) throw new Error(`binding failed: ${res.status} ${JSON.stringify(res.body)}`);
	const subject = res.body.subject;
	return { ...owner, subjectId: String(subject?.id), workspaceRoom: String(subject?.workspaceRoom), factsRoom: String(subject?.factsRoom) };
}

/** Registers an account and makes it a member of the owner's subject through an invite. */
export async function addMember(server: ServerAddress, owner: OwnerWithSubject, role: 'editor' | 'viewer'): Promise<SignedInAccount> {
	const invite = await api(server, 'POST', `/api/subjects/${owner.subjectId}/invites`, { cookie: owner.cookie, body: { role } });
	if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
	const member = await signUp(server);
	const accepted = await api(server, 'POST', '/api/invites/accept', { cookie: member.cookie, body: { code: String(invite.body.code) } });
	if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
	return member;
}

/** A `ws` WebSocket class that sends the given headers, to pass as y-websocket's `WebSocketPolyfill`. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
	class HeaderWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Whether the server has acknowledged every local update as durable. */
	readonly saved: boolean;
	/** Close codes the server closed this client's sockets with, in order. */
	readonly closeCodes: number[];
	destroy(): void;
}

export interface ClientOptions {
	doc?: Y.Doc;
	/** `beian_session=…`, sent with the upgrade like a browser would. */
	cookie?: string | null;
	/** Origin header; defaults to the server's own origin; null sends none. */
	origin?: string | null;
}

/** A real y-websocket client (BroadcastChannel off, so only the server can carry edits). */
export function connectClient(server: ServerAddress, room: string, options: ClientOptions | Y.Doc = {}): TestClient {
	const { doc = new Y.Doc(), cookie = null, origin } = options instanceof Y.Doc ? { doc: options } : options;
	const headers: Record<string, string> = {};
	const sentOrigin = origin === undefined ? server.url : origin;
	if (sentOrigin !== null) headers.origin = sentOrigin;
	if (cookie) headers.cookie = cookie;
	const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/sync', room, doc, {
		WebSocketPolyfill: webSocketWithHeaders(headers),
		disableBc: true,
		maxBackoffTime: 200
	});
	const closeCodes: number[] = [];
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (event) closeCodes.push(event.code);
	});
	let saved = false;
	const stop = trackPersisted(provider, (value) => (saved = value));
	return {
		doc,
		provider,
		closeCodes,
		get saved() {
			return saved;
		},
		destroy() {
			stop();
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves once `check()` is true, polling; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/**
 * Per-spec bookkeeping: servers and clients started through it are disposed of after each test
 * (clients first), even when the test failed.
 */
export function useTestServers(): {
	start(options?: TestServerOptions): Promise<TestServer>;
	adopt(server: TestServer): TestServer;
	track(client: TestClient): TestClient;
} {
	let servers: TestServer[] = [];
	let clients: TestClient[] = [];
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const s of servers.splice(0)) await s.dispose();
		servers = [];
		clients = [];
	});
	return {
		async start(options = {}) {
			const s = await startTestServer(options);
			servers.push(s);
			return s;
		},
		adopt(server) {
			servers.push(server);
			return server;
		},
		track(client) {
			clients.push(client);
			return client;
		}
	};
}
