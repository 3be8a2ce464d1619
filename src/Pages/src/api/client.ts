import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './schema'

export type ApiClient = Client<paths>

/** The API's versioned root, the document's server: its paths (`/cases/{caseId}`) are relative to it. */
export const apiRoot = '/api/v1'

/** A client typed from the Host's OpenAPI document (docs/openapi.json, `npm run api-types`) that sends the token on every call. */
export function createApiClient(token: string, onUnauthorized: () => void): ApiClient {
  const client = createClient<paths>({ baseUrl: location.origin + apiRoot })
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`)
      return request
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized()
      return response
    },
  })
  return client
}

/** A failed answer as a Dutch sentence for the page; the API's own problem title follows for detail. */
export function describeFailure(status: number): string {
  if (status === 403) return 'U hebt geen toegang tot deze gegevens met uw rol.'
  if (status === 404) return 'Niet gevonden.'
  if (status === 429) return 'Te veel verzoeken; probeer het over een minuut opnieuw.'
  return `De API gaf een fout (${status}).`
}

/** Fetches a download (CSV, NDJSON) of an API path (`/cases/export.csv`) with the token, since a plain link cannot send it, and saves it under `fileName`. */
export async function download(path: string, token: string, fileName: string): Promise<void> {
  const response = await fetch(apiRoot + path, { headers: { Authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(describeFailure(response.status))
  const url = URL.createObjectURL(await response.blob())
  const anchor = Object.assign(document.createElement('a'), { href: url, download: fileName })
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  URL.revokeObjectURL(url)
}
