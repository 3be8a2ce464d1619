import { UserManager, WebStorageStateStore } from 'oidc-client-ts'
import type { PagesConfig } from '../config'
import { base, callbackPath } from '../routing'

// Authorization code with PKCE (oidc-client-ts's default for response_type "code"); no client secret lives in a browser.
function userManager(config: PagesConfig): UserManager {
  if (!config.authority || !config.clientId) throw new Error('Pages:ClientId and the provider authority must be configured.')
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: location.origin + callbackPath,
    post_logout_redirect_uri: location.origin + base,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  })
}

/** Sends the browser to the provider's sign-in; it comes back to {@link callbackPath}, then to `returnTo`. */
export const signInWithProvider = (config: PagesConfig, returnTo: string) => userManager(config).signinRedirect({ state: returnTo })

/** Exchanges the code the provider sent back for tokens; the access token is what the API accepts. */
export async function completeSignIn(config: PagesConfig): Promise<{ token: string; returnTo: string }> {
  const user = await userManager(config).signinRedirectCallback()
  return { token: user.access_token, returnTo: typeof user.state === 'string' ? user.state : base }
}
