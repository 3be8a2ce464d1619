import { useApiData } from '../api/useApiData'
import { formatNeighbourhood, type Neighbourhood } from '../labels'

/** The API's largest page of networks (NetworkListQuery.MaxPageSize): enough for a municipality's map in one answer. */
export const allNetworks = 1000

export type NetworkAreas = {
  districts: string[]
  /** The neighbourhoods networks are active in, with their names and districts, by district and name. */
  neighbourhoods: Neighbourhood[]
  /** Codes of neighbourhoods only reached through cases: the list names no more than the code. */
  reachedOnly: string[]
}

/**
 * The districts and neighbourhoods present on the tenant's map, to choose from: the API has no list of them, so they
 * are gathered from the networks (where they are active, and the codes their cases reach).
 */
export function useNetworkAreas(): NetworkAreas {
  const { data } = useApiData('network-areas', api => api.GET('/networks', { params: { query: { pageSize: allNetworks } } }))
  const networks = data?.items ?? []
  const byCode = new Map<string, Neighbourhood>()
  for (const n of networks.flatMap(network => network.activeIn ?? [])) if (n.code && !byCode.has(n.code)) byCode.set(n.code, n)
  const neighbourhoods = [...byCode.values()].sort(
    (a, b) => (a.district ?? '').localeCompare(b.district ?? '', 'nl') || (a.name ?? '').localeCompare(b.name ?? '', 'nl'),
  )
  const reached = new Set(networks.flatMap(network => network.neighbourhoodsReached ?? []).filter(code => !byCode.has(code)))
  return {
    districts: [...new Set(neighbourhoods.map(n => n.district ?? ''))].filter(Boolean),
    neighbourhoods,
    reachedOnly: [...reached].sort(),
  }
}

/** The neighbourhoods as choices grouped by district, those only reached last under their code. */
export function neighbourhoodChoices({ districts, neighbourhoods, reachedOnly }: NetworkAreas) {
  const groups = districts.map(district => ({
    label: district,
    choices: Object.fromEntries(neighbourhoods.filter(n => n.district === district).map(n => [n.code ?? '', formatNeighbourhood(n)])),
  }))
  if (reachedOnly.length > 0) groups.push({ label: 'Bereikt via casussen', choices: Object.fromEntries(reachedOnly.map(code => [code, code])) })
  return groups
}
