import { createContext, useContext } from 'react'
import type { ApiClient } from '../api/client'
import type { Session } from './session'

export type SignedIn = { session: Session; api: ApiClient; signOut: () => void }

export const SessionContext = createContext<SignedIn | null>(null)

/** The signed-in user and an API client with their token; pages render only inside a session. */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(SessionContext)
  if (!signedIn) throw new Error('useSignedIn outside a session')
  return signedIn
}
