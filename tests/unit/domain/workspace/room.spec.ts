import { describe, expect, it } from 'vitest';
import { parseRoomName, roomNameFor } from '../../../../src/lib/domain/workspace/room.ts';

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
