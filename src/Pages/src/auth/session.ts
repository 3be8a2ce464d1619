import type { PagesConfig } from '../config'

// A token lives in this tab's sessionStorage only: closing the tab signs out, and no other site can read it.
const storageKey = 'participation.token'

export type Session = {
  token: string
  user: string
  tenant: string
  roles: string[]
  expiresAt: number | null
}

/**
 * A token handed over in the URL fragment (`#access_token=…`, for tests and demos) is stored and removed from the
 * address bar before anything else runs, so it never stays in the history or reaches a screenshot or a bookmark.
 */
export function takeTokenFromFragment(): void {
  const fragment = new URLSearchParams(location.hash.slice(1))
  const token = fragment.get('access_token')
  if (!token) return
  history.replaceState(history.state, '', location.pathname + location.search)
  storeToken(token)
}

export const storeToken = (token: string) => sessionStorage.setItem(storageKey, token)

export const forgetToken = () => sessionStorage.removeItem(storageKey)

/** The stored token as a session, or null when there is none, it cannot be read or it has expired. */
export function currentSession(config: PagesConfig): Session | null {
  const token = sessionStorage.getItem(storageKey)
  if (!token) return null
  const claims = decodePayload(token)
  if (!claims) return null
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null
  if (expiresAt !== null && expiresAt <= Date.now()) return null
  const user = strings(claims, config.claims.user)[0] ?? strings(claims, 'sub')[0] ?? ''
  return { token, user, tenant: strings(claims, config.claims.tenant)[0] ?? '', roles: strings(claims, config.claims.roles), expiresAt }
}

// The payload is read only to decide what to show; the API validates the signature of every call.
function decodePayload(token: string): Record<string, unknown> | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0)))
    return JSON.parse(json) as Record<string, unknown>
  } catch {
    return null
  }
}

/** A claim's values; a dotted name that is not itself a claim is a path into a JSON claim (`realm_access.roles`), as on the Host. */
function strings(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims[name]
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims)
  }
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
