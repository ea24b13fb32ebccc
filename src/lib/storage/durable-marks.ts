/**
 * The server's last durable acknowledgment of a workspace, kept on the device: the state vector
 * the server reported durable (message 100 *persisted*) and when it arrived. With it, a workspace
 * reopened days later with no network still says truthfully where its data is — what the mark
 * covers is on the server ("saved at HH:MM"), anything newer is only on this device. Kept in
 * localStorage (read synchronously when the workspace opens, before any connection); parsed on
 * every read, an unreadable mark is no mark.
 */
import { z } from 'zod/mini';

const MarkSchema = z.object({
	/** The durable state vector, base64. */
	sv: z.string().check(z.maxLength(65_536)),
	/** When the server reported it (ms since the epoch). */
	at: z.number().check(z.gte(0))
});

export interface DurableMark {
	readonly stateVector: Uint8Array;
	readonly at: number;
}

function markKey(workspaceId: string): string {
	return `beian.durable.${workspaceId}`;
}

function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return btoa(s);
}

/** The workspace's last durable acknowledgment seen on this device, or null. */
export function readDurableMark(workspaceId: string): DurableMark | null {
	try {
		const parsed = MarkSchema.safeParse(JSON.parse(localStorage.getItem(markKey(workspaceId)) ?? 'null'));
		if (!parsed.success) return null;
		return { stateVector: Uint8Array.from(atob(parsed.data.sv), (c) => c.charCodeAt(0)), at: parsed.data.at };
	} catch {
		return null;
	}
}

/** Keeps the server's latest durable acknowledgment of the workspace (best effort: a full quota keeps the older one). */
export function writeDurableMark(workspaceId: string, mark: DurableMark): void {
	try {
		localStorage.setItem(markKey(workspaceId), JSON.stringify({ sv: toBase64(mark.stateVector), at: mark.at }));
	} catch {
		// Quota: the live connection still reports truthfully; only a reopen offline knows less.
	}
}

/** Forgets the mark (the workspace was deleted from this device). */
export function clearDurableMark(workspaceId: string): void {
	try {
		localStorage.removeItem(markKey(workspaceId));
	} catch {
		// nothing to clear
	}
}
