/** Typed access to the app-wide state objects the root layout creates. */
import { getContext, setContext } from 'svelte';
import type { DeviceDataState } from './device-data.svelte.ts';
import type { InboxState } from './inbox.svelte.ts';
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

const DEVICE_DATA = Symbol('device-data');

export function provideDeviceData(state: DeviceDataState): void {
	setContext(DEVICE_DATA, state);
}

/** This device's storage: usage, persistence, removing an account's data. */
export function useDeviceData(): DeviceDataState {
	const state = getContext<DeviceDataState | undefined>(DEVICE_DATA);
	if (!state) throw new Error('useDeviceData() outside the root layout');
	return state;
}

const INBOX = Symbol('inbox');

export function provideInbox(state: InboxState): void {
	setContext(INBOX, state);
}

/** The signed-in account's inbox (NOTE-3), kept fresh by the root layout while the app is open. */
export function useInbox(): InboxState {
	const state = getContext<InboxState | undefined>(INBOX);
	if (!state) throw new Error('useInbox() outside the root layout');
	return state;
}
