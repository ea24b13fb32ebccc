/**
 * Presence in the app (PRES-3, PRES-6, PRES-7): two tabs' docs and awareness joined through the
 * server's own stamping gate, as the sync room relays them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PresenceGate } from '../../../sync-server/src/sync/presence.ts';
import { PresenceManager } from '../../../src/lib/state/presence.svelte.ts';
import { ensureLayout } from '../../../src/lib/sync/doc-layout.ts';
import { readSubject, setSubjectChoice, setSubjectText } from '../../../src/lib/sync/bindings/subject.ts';

const REMOTE = 'remote';

interface Tab {
	doc: Y.Doc;
	awareness: Awareness;
	sent: number;
}

/** Two tabs of one room; `online` false queues their doc updates until `connect()`. */
function room(names: [string, string], options: { online?: boolean } = {}) {
	let online = options.online ?? true;
	const tabs: Tab[] = names.map(() => {
		const doc = new Y.Doc();
		ensureLayout(doc);
		return { doc, awareness: new Awareness(doc), sent: 0 };
	});
	const [a, b] = tabs as [Tab, Tab];
	Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), REMOTE);
	Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), REMOTE);
	for (const [from, to, name] of [[a, b, names[0]], [b, a, names[1]]] as const) {
		from.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (online && origin !== REMOTE) Y.applyUpdate(to.doc, update, REMOTE);
		});
		const gate = new PresenceGate({ displayName: name, role: name === names[0] ? 'owner' : 'editor' }, { now: () => Date.now() });
		from.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (origin === REMOTE) return;
			from.sent++;
			const stamped = gate.admit(encodeAwarenessUpdate(from.awareness, [...added, ...updated, ...removed]));
			if (stamped instanceof Uint8Array) {
				applyAwarenessUpdate(to.awareness, stamped, REMOTE);
				// The server relays the stamped state to the sender too.
				applyAwarenessUpdate(from.awareness, stamped, REMOTE);
			}
		});
	}
	return {
		a,
		b,
		connect() {
			online = true;
			Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE);
			Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), REMOTE);
		}
	};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('presence in the app (PRES-6, PRES-7, PRES-3)', () => {
	it('PRES-6 each tab sees the other with the server-stamped name and role, a colour of its own and the field it is in', () => {
		vi.useFakeTimers();
		const { a, b } = room(['王芳', '李雷']);
		const pa = new PresenceManager(a.awareness, a.doc);
		const pb = new PresenceManager(b.awareness, b.doc);
		vi.advanceTimersByTime(200);
		pb.focus('subject.province');
		vi.advanceTimersByTime(200);
		expect(pa.peers).toHaveLength(1);
		expect(pa.peers[0]).toMatchObject({ name: '李雷', role: 'editor', field: 'subject.province', selection: null });
		expect(pb.peers[0]).toMatchObject({ name: '王芳', role: 'owner', field: null });
		expect(pa.colour).not.toBe(pb.colour);
		expect(pa.peersIn('subject.province').map((p) => p.name)).toEqual(['李雷']);
		expect(pa.peersIn('subject.name')).toEqual([]);
		pa.close();
		pb.close();
	});

	it('PRES-6 a caret inside a free-text field stays on its character while the other person types before it', () => {
		vi.useFakeTimers();
		const { a, b } = room(['王芳', '李雷']);
		setSubjectText(a.doc, 'remarks', '网站用于展示');
		const pa = new PresenceManager(a.awareness, a.doc);
		const pb = new PresenceManager(b.awareness, b.doc);
		vi.advanceTimersByTime(200);
		// 李雷's caret after "网站" (index 2), selecting "用于" (2..4).
		pb.focus('subject.remarks', { anchor: 2, head: 4 });
		vi.advanceTimersByTime(200);
		const peer = pa.peers[0];
		expect(peer).toBeDefined();
		expect(pa.selectionOf(peer!, 'subject.remarks')).toEqual({ anchor: 2, head: 4 });
		setSubjectText(a.doc, 'remarks', '公司网站用于展示');
		expect(pa.selectionOf(pa.peers[0]!, 'subject.remarks')).toEqual({ anchor: 4, head: 6 });
		// A choice field has no text: no selection is sent for it.
		pb.focus('subject.province', { anchor: 1, head: 1 });
		vi.advanceTimersByTime(200);
		expect(pa.peers[0]?.selection).toBeNull();
		pa.close();
		pb.close();
	});

	it('PRES-3 a burst of caret moves sends at most one presence update per 100 ms, the last place included', () => {
		vi.useFakeTimers();
		const { a, b } = room(['王芳', '李雷']);
		setSubjectText(a.doc, 'remarks', '0123456789');
		const pa = new PresenceManager(a.awareness, a.doc);
		const pb = new PresenceManager(b.awareness, b.doc);
		vi.advanceTimersByTime(500);
		const before = b.sent;
		for (let i = 0; i < 10; i++) {
			pb.focus('subject.remarks', { anchor: i, head: i });
			vi.advanceTimersByTime(10);
		}
		vi.advanceTimersByTime(300);
		expect(b.sent - before).toBeGreaterThanOrEqual(1);
		expect(b.sent - before).toBeLessThanOrEqual(2);
		expect(pa.selectionOf(pa.peers[0]!, 'subject.remarks')).toEqual({ anchor: 9, head: 9 });
		pa.close();
		pb.close();
	});

	it('PRES-7 a choice set by two people at once ends on one value, and the one overwritten is told who changed it to what', () => {
		vi.useFakeTimers();
		const { a, b, connect } = room(['王芳', '李雷'], { online: false });
		const pa = new PresenceManager(a.awareness, a.doc);
		const pb = new PresenceManager(b.awareness, b.doc);
		vi.advanceTimersByTime(200);
		setSubjectChoice(a.doc, 'type', 'enterprise');
		setSubjectChoice(b.doc, 'type', 'individual');
		connect();
		const final = readSubject(a.doc).value.type;
		expect(readSubject(b.doc).value.type).toBe(final);
		const [winner, loser, winnerName] = final === 'enterprise' ? [pa, pb, '王芳'] : [pb, pa, '李雷'];
		expect(loser.noticeOf('subject.type')).toEqual({ name: winnerName, value: final });
		expect(winner.noticeOf('subject.type')).toBeNull();
		// Choosing again is this person's answer: the notice goes.
		setSubjectChoice(final === 'enterprise' ? b.doc : a.doc, 'type', final === 'enterprise' ? 'individual' : 'enterprise');
		expect(loser.noticeOf('subject.type')).toBeNull();
		pa.close();
		pb.close();
	});

	it('PRES-7 a collaborator filling a choice this person never touched nor is in gives no notice', () => {
		vi.useFakeTimers();
		const { a, b } = room(['王芳', '李雷']);
		const pa = new PresenceManager(a.awareness, a.doc);
		const pb = new PresenceManager(b.awareness, b.doc);
		vi.advanceTimersByTime(200);
		setSubjectChoice(b.doc, 'province', 'ZJ');
		expect(pa.noticeOf('subject.province')).toBeNull();
		pa.focus('subject.certificateType');
		setSubjectChoice(b.doc, 'certificateType', 'uscc-certificate');
		expect(pa.noticeOf('subject.certificateType')).toMatchObject({ name: '李雷', value: 'uscc-certificate' });
		pa.close();
		pb.close();
	});
});
