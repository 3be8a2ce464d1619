import { useCallback, useState } from 'react'
import { type Problem, problemOf } from './problems'

type Answer<T> = { data?: T; error?: unknown; response: Response }
/** A call of the API client that sends one command, e.g. `() => api.POST('/networks', { body })`. */
export type Command<T> = () => Promise<Answer<T>>

/** Sends a command from a form, one at a time: `send` answers the data or the problem, which stays in `problem` for the form to show. */
export function useCommand() {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem>()
  const send = useCallback(async <T>(command: Command<T>): Promise<{ data?: T; problem?: Problem }> => {
    setBusy(true)
    setProblem(undefined)
    let refused: Problem
    try {
      const { data, error, response } = await command()
      if (response.ok) return { data }
      refused = problemOf(response.status, error)
    } catch {
      refused = problemOf(0, undefined)
    } finally {
      setBusy(false)
    }
    setProblem(refused)
    return { problem: refused }
  }, [])
  return { send, busy, problem, setProblem }
}
