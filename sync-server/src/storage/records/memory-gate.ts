/** What the in-memory stores share: the open/closed state of their `MemoryRecords`, and small helpers. */

export class MemoryGate {
	#closed = false;

	close(): void {
		this.#closed = true;
	}

	/** Throws once the records were closed, as the SQLite stores do. */
	check(): void {
		if (this.#closed) throw new Error('record store is closed');
	}
}

/** A subject and an account (memberships), or a subject and a hash (blob holders). */
export function pairKey(subjectId: string, other: string): string {
	return `${subjectId}\u0000${other}`;
}

/** A copy, so a caller never holds a stored object. */
export function copyOf<T extends object>(value: T | undefined): T | null {
	return value === undefined ? null : { ...value };
}
