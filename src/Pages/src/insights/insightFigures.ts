import type { components } from '../api/schema'

export type InsightsAnswer = components['schemas']['InsightsAnswer']
export type InsightsRow = components['schemas']['InsightsRow']
export type LifeDomainFigures = components['schemas']['LifeDomainFigures']

const whole = new Intl.NumberFormat('nl-NL')
const percentage = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 })

/**
 * How a figure of a row reads: a count the API suppressed (null, its field named in `suppressed`) as "< 5" (the
 * answer's minimum), never a number; a median of too few residents, or a figure there is none of, as "–".
 */
export function figureText(row: InsightsRow, field: string, value: number | null | undefined, minimumCount: number, percent = false): string {
  if (value == null) return !percent && row.suppressed?.includes(field) ? `< ${minimumCount}` : '–'
  return percent ? `${percentage.format(value)}%` : whole.format(value)
}

/** A row's place: the tenant, a district, or a neighbourhood under its district. */
export function areaName(row: InsightsRow): string {
  if (row.level === 'tenant') return 'Hele gemeente'
  if (row.level === 'district') return `Stadsdeel ${row.district ?? '–'}`
  return `${row.neighbourhood?.name ?? '–'} (${row.neighbourhood?.code ?? '–'})`
}

/** The row the life domains are shown for: the chosen neighbourhood's, else the chosen district's, else the tenant's. */
export function selectedRow(rows: InsightsRow[], district: string | undefined, neighbourhood: string | undefined): InsightsRow | undefined {
  return (
    (neighbourhood && rows.find(r => r.level === 'neighbourhood' && r.neighbourhood?.code === neighbourhood)) ||
    (district && rows.find(r => r.level === 'district' && r.district === district)) ||
    rows.find(r => r.level === 'tenant')
  )
}

/** Whether a life domain has anything to show: a count above zero, or one hidden because it is small. */
export const hasFigures = (row: InsightsRow, domain: LifeDomainFigures) =>
  [...(domain.firstLevels ?? []), ...(domain.latestLevels ?? [])].some(count => (count ?? 0) > 0) ||
  (row.suppressed ?? []).some(field => field.startsWith(`domains.${domain.domain}.`))

/** The quarter a date falls in, as the API names it (`2026-Q3`). */
export const quarterOf = (date: Date) => `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`

/** `count` quarters ending with `quarter`, oldest first. */
export function quartersUpTo(quarter: string, count: number): string[] {
  const [, year, q] = /^(\d{4})-Q([1-4])$/.exec(quarter) ?? []
  if (!year) return [quarter]
  const index = Number(year) * 4 + Number(q) - 1
  return Array.from({ length: count }, (_, i) => index - count + 1 + i).map(n => `${Math.floor(n / 4)}-Q${(n % 4) + 1}`)
}

/** The three carriers of support, as the answer names them. */
export const shares = [
  { key: 'own', label: 'Eigen kracht' },
  { key: 'network', label: 'Netwerk' },
  { key: 'professional', label: 'Professional' },
] as const
