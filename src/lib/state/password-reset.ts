/**
 * Password retrieval for the pages `/account/forgot` and `/account/reset` (LEG-5): the routes
 * reach the API client through state, like every other call.
 */
import { api, type ApiResult } from '../sync/api.ts';

/** Asks for a single-use link by mail, for a Beian account (`email`) or an old HiChina login (`loginId`). */
export function requestPasswordReset(target: { email: string } | { loginId: string }): Promise<ApiResult<unknown>> {
	return api.requestPasswordReset(target);
}

/** Sets the new password with the link's token; `reset-link-invalid` when used, expired or unknown. */
export function confirmPasswordReset(token: string, password: string): Promise<ApiResult<unknown>> {
	return api.confirmPasswordReset(token, password);
}
