// What the Host tells the pages at /app/config.json (src/Host/Pages/PagesConfig.cs): how to sign in, which claims of a
// token name the user, tenant and roles (the same mapping the API uses, Auth:Claims), and the municipalities' names by
// tenant (Tenants:<tenant>:DisplayName).
export type SignInMode = 'development' | 'oidc' | 'none'

export type PagesConfig = {
  signIn: SignInMode
  authority: string | null
  clientId: string | null
  scope: string
  claims: { user: string; tenant: string; roles: string }
  tenantNames: Record<string, string>
}

export async function loadConfig(): Promise<PagesConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`config.json: ${response.status}`)
  return (await response.json()) as PagesConfig
}
