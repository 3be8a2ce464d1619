// What the Host tells the pages at /app/config.json (src/Host/Pages/PagesConfigEndpoint.cs): how to sign in, and which
// claims of a token name the user, tenant and roles (the same mapping the API uses, Auth:Claims).
export type SignInMode = 'development' | 'oidc' | 'none'

export type PagesConfig = {
  signIn: SignInMode
  authority: string | null
  clientId: string | null
  scope: string
  claims: { user: string; tenant: string; roles: string }
}

export async function loadConfig(): Promise<PagesConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`config.json: ${response.status}`)
  return (await response.json()) as PagesConfig
}
