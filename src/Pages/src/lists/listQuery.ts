import type { FormEvent } from 'react'
import { base, navigate, useLocation } from '../routing'

/**
 * A list page's filters as its own address carries them (`/app/cases?domain=sport&page=2`), so a selection can be
 * bookmarked and the back button restores it. `path` is the page's path under the pages' base (`cases`).
 */
export function useListQuery<Name extends string>(path: string, names: readonly Name[]) {
  const { search } = useLocation()
  const filters = new URLSearchParams()
  for (const name of names) {
    const value = search.get(name)
    if (value) filters.set(name, value)
  }
  const page = Math.max(1, Number(search.get('page')) || 1)
  const address = (params: URLSearchParams) => `${base}${path}${params.size ? `?${params}` : ''}`

  return {
    filters,
    query: Object.fromEntries(filters) as Partial<Record<Name, string>>,
    page,
    /** The address of another page of the same selection. */
    pageLink: (n: number) => {
      const params = new URLSearchParams(filters)
      if (n > 1) params.set('page', String(n))
      return address(params)
    },
    /** Submits the filter form: its filled-in fields become the address, from the first page on. */
    apply: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault()
      const chosen = new URLSearchParams()
      for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === 'string' && value.trim()) chosen.set(name, value.trim())
      navigate(address(chosen))
    },
  }
}
