import { describe, expect, it } from 'vitest';
import {
	factsRoomOf,
	isSubjectId,
	parseRoomName,
	roomNameFor,
	subjectOfRoom,
	workspaceRoomOf
} from '../../../../src/lib/domain/workspace/room.ts';

describe('room names', () => {
	it('ROOM-1 accepts ws- followed by lowercase letters, digits, _ and -', () => {
		expect(parseRoomName('ws-local').ok).toBe(true);
		expect(parseRoomName('ws-0f3a_b-9').ok).toBe(true);
		expect(roomNameFor('local')).toBe('ws-local');
	});

	it('ROOM-1 refuses anything else without throwing', () => {
		for (const bad of ['', 'ws-', 'local', 'ws-../etc', 'ws-A', 'ws-<b>', 'ws-' + 'a'.repeat(65), 42, null, undefined]) {
			const result = parseRoomName(bad);
			expect(result.ok).toBe(false);
			expect(result.issues[0]).toMatchObject({ rule: 'ROOM-1', severity: 'error' });
		}
		expect(() => roomNameFor('Not Valid')).toThrow(RangeError);
	});
});

describe('subject rooms', () => {
	const id = 'abcdefghijk234567'.slice(0, 16);

	it('ROOM-2 a subject id is 16 characters of a-z 2-7 and names the workspace room ws-<id>', () => {
		expect(isSubjectId(id)).toBe(true);
		for (const bad of ['', 'abc', id.toUpperCase(), id.slice(0, 15) + '1', id + 'a', 'local', 42, null]) {
			expect(isSubjectId(bad)).toBe(false);
		}
		expect(workspaceRoomOf(id)).toBe(`ws-${id}`);
		expect(parseRoomName(workspaceRoomOf(id)).ok).toBe(true);
		expect(subjectOfRoom(`ws-${id}`)).toEqual({ subjectId: id, kind: 'workspace' });
		expect(() => workspaceRoomOf('local')).toThrow(RangeError);
	});

	it('ROOM-3 the facts room of a subject is ws-<id>_facts, a valid ROOM-1 name', () => {
		expect(factsRoomOf(id)).toBe(`ws-${id}_facts`);
		expect(parseRoomName(factsRoomOf(id)).ok).toBe(true);
		expect(subjectOfRoom(factsRoomOf(id))).toEqual({ subjectId: id, kind: 'facts' });
		expect(() => factsRoomOf('NOT')).toThrow(RangeError);
	});

	it('ROOM-4 a room that names no subject belongs to none, without throwing', () => {
		for (const room of ['ws-local', `ws-${id}_other`, `ws-${id}_facts_facts`, `ws-${id}x`, 'ws-_facts', `${id}`, '', 7, undefined]) {
			expect(subjectOfRoom(room)).toBeNull();
		}
	});
});
