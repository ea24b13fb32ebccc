/** Typed access to the app-wide state objects the root layout creates. */
import { getContext, setContext } from 'svelte';
import type { SessionState } from './session.svelte.ts';

const SESSION = Symbol('session');

export function provideSession(session: SessionState): void {
	setContext(SESSION, session);
}

export function useSession(): SessionState {
	const session = getContext<SessionState | undefined>(SESSION);
	if (!session) throw new Error('useSession() outside the root layout');
	return session;
}
