// The open workspace's presence for field components that are also used outside the app's layout (tests, the review desk).
import { useWorkspaces } from '../../state/context.ts';
import type { WorkspaceHost } from '../../state/workspace-host.svelte.ts';

/** The root layout's workspace host, or null where there is none. Call during component init. */
export function optionalHost(): WorkspaceHost | null {
	try {
		return useWorkspaces();
	} catch {
		return null;
	}
}
