import { useApiData } from '../api/useApiData'
import { BarChart } from '../charts/BarChart'
import { formatQuarter, label, type LifeDomain, lifeDomainLabels } from '../labels'
import { areaName, figureText, type InsightsAnswer, type InsightsRow, quartersUpTo, selectedRow, shares } from './insightFigures'

/** The domain quarter and the ones before it. */
const quartersShown = 4

type Props = { answer: InsightsAnswer; area: InsightsRow; domain: LifeDomain; district?: string; neighbourhood?: string }

/**
 * The support split over time in one life domain: the median shares at the first and latest measurement of the domain
 * quarter and the quarters before it, each quarter asked of `GET /api/insights` by its period with the same filters.
 */
export function SupportOverTime({ answer, area, domain, district, neighbourhood }: Props) {
  const earlier = quartersUpTo(answer.period ?? '', quartersShown).slice(0, -1)
  const query = { district, neighbourhood, domain: answer.domain ?? undefined }
  const { data } = useApiData(`insights-over-time?${earlier}&${JSON.stringify(query)}`, async api => {
    const answers = await Promise.all(earlier.map(period => api.GET('/insights', { params: { query: { ...query, period } } })))
    return { data: answers.map(a => a.data), response: answers.find(a => !a.response.ok)?.response ?? answers[0].response }
  })
  const quarters = [...(data ?? []).map((a, i) => ({ period: earlier[i], answer: a })), { period: answer.period ?? '', answer }]

  return (
    <BarChart
      title={`Steun door de tijd: ${label(lifeDomainLabels, domain)}, ${areaName(area)} (mediaan, %)`}
      figure="support-over-time"
      rowHeader="Kwartaal en meting"
      series={shares.map(s => s.label)}
      rows={quarters.flatMap(({ period, answer: quarter }) => {
        const row = quarter && selectedRow(quarter.rows ?? [], district, neighbourhood)
        const figures = row?.domains?.find(d => d.domain === domain)
        return (['firstSupport', 'latestSupport'] as const).map(moment => ({
          label: `${formatQuarter(period)}: ${moment === 'firstSupport' ? 'eerste' : 'laatste'} meting`,
          values: shares.map(s => figures?.[moment][s.key] ?? null),
          texts: shares.map(s =>
            row ? figureText(row, `domains.${domain}.${moment}.${s.key}`, figures?.[moment][s.key], quarter.minimumCount, true) : '–',
          ),
        }))
      })}
    />
  )
}
