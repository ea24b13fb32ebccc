/** Typed access to the app-wide state objects the root layout creates. */
import { getContext, setContext } from 'svelte';
import type { SessionState } from './session.svelte.ts';
import type { WorkspaceHost } from './workspace-host.svelte.ts';

const SESSION = Symbol('session');

export function provideSession(session: SessionState): void {
	setContext(SESSION, session);
}

export function useSession(): SessionState {
	const session = getContext<SessionState | undefined>(SESSION);
	if (!session) throw new Error('useSession() outside the root layout');
	return session;
}

const WORKSPACES = Symbol('workspaces');

export function provideWorkspaces(host: WorkspaceHost): void {
	setContext(WORKSPACES, host);
}

/** The open workspace sessions (active workspace, local draft) of the root layout. */
export function useWorkspaces(): WorkspaceHost {
	const host = getContext<WorkspaceHost | undefined>(WORKSPACES);
	if (!host) throw new Error('useWorkspaces() outside the root layout');
	return host;
}
