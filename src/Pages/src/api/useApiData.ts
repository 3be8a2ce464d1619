import { useEffect, useState } from 'react'
import { useSignedIn } from '../auth/SessionContext'
import type { ApiClient } from './client'
import { describeFailure } from './client'

type Answer<T> = { data?: T; response: Response }
export type Loaded<T> = { data: T | undefined; failure: string | undefined; loading: boolean }

/** Loads from the API again whenever `key` changes; a late answer for an older key is dropped. */
export function useApiData<T>(key: string, load: (api: ApiClient) => Promise<Answer<T>>): Loaded<T> {
  const { api } = useSignedIn()
  const [state, setState] = useState<Loaded<T>>({ data: undefined, failure: undefined, loading: true })
  useEffect(() => {
    let current = true
    setState(previous => ({ ...previous, loading: true }))
    load(api)
      .then(({ data, response }) => {
        if (!current) return
        setState({ data: response.ok ? data : undefined, failure: response.ok ? undefined : describeFailure(response.status), loading: false })
      })
      .catch(() => current && setState({ data: undefined, failure: 'De API is niet bereikbaar.', loading: false }))
    return () => {
      current = false
    }
    // `load` is a new function every render; `key` names what it loads.
  }, [api, key])
  return state
}
