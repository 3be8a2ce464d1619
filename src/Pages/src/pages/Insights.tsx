import { Button, Field, Label, Paragraph, Select } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'
import { InsightsFigures } from '../insights/InsightsFigures'
import { quarterOf, quartersUpTo } from '../insights/insightFigures'
import { domainLabels, formatQuarter } from '../labels'
import { FilterSelect } from '../lists/ListControls'
import { useListQuery } from '../lists/listQuery'
import { PageTitle } from '../PageTitle'
import { Status } from '../Status'

// The query parameters of GET /api/insights (API.md, Own strength); the page's own address carries them.
const filterNames = ['period', 'district', 'neighbourhood', 'domain'] as const

/** How many quarters the picker offers, the current one last. */
const pickableQuarters = 8

/**
 * `/app/insights`: Eigen Kracht in Beeld, `GET /api/insights` for a quarter: per district and neighbourhood the networks,
 * the agreements residents carry themselves or with a professional, and the residents' self-reliance per life domain at
 * their first and latest measurement with the support behind it. Small counts read "< 5", as the API hides them.
 */
export function Insights() {
  const { filters, query, apply } = useListQuery('insights', filterNames)
  const current = quarterOf(new Date())
  const period = query.period ?? current
  const { data, failure, loading } = useApiData(`insights?${filters}`, api => api.GET('/insights', { params: { query: { ...query, period } } }))
  // The districts and neighbourhoods to choose from: every row of the quarter, whatever area is chosen now.
  const areas = useApiData(`insights-areas?${period}`, api => api.GET('/insights', { params: { query: { period } } }))
  const areaRows = areas.data?.rows ?? []
  const districts = areaRows.filter(r => r.level === 'district').map(r => r.district ?? '')
  const quarters = quartersUpTo(current, pickableQuarters).reverse()
  if (!quarters.includes(period)) quarters.push(period)

  return (
    <>
      <PageTitle>Eigen Kracht in Beeld</PageTitle>
      <Paragraph>
        Worden bewoners zelfredzamer, en verschuift hun steun van professionals naar hun eigen kracht en hun netwerk? De cijfers
        per stadsdeel en buurt, veilig om te publiceren: kleine aantallen worden niet getoond.
      </Paragraph>
      {/* The key resets the form's fields when the address changes (back button, a link with other filters). */}
      <form className="filters" onSubmit={apply} key={`${filters}-${areaRows.length}`} aria-label="Filters">
        <Field>
          <Label htmlFor="filter-period">Kwartaal</Label>
          <Select id="filter-period" name="period" defaultValue={period}>
            {quarters.map(quarter => (
              <Select.Option key={quarter} value={quarter}>
                {formatQuarter(quarter)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <FilterSelect name="district" label="Stadsdeel" value={query.district} choices={Object.fromEntries(districts.map(d => [d, d]))} />
        <FilterSelect
          name="neighbourhood"
          label="Buurt"
          value={query.neighbourhood}
          choices={districts.map(district => ({
            label: district,
            choices: Object.fromEntries(
              areaRows
                .filter(r => r.level === 'neighbourhood' && r.district === district)
                .map(r => [r.neighbourhood?.code ?? '', `${r.neighbourhood?.name} (${r.neighbourhood?.code})`]),
            ),
          }))}
        />
        <FilterSelect name="domain" label="Programma" value={query.domain} choices={domainLabels} />
        <div className="filters__actions">
          <Button type="submit">Toon cijfers</Button>
        </div>
      </form>
      <Status loading={loading && !data} failure={failure} />
      {data && <InsightsFigures answer={data} district={query.district} neighbourhood={query.neighbourhood} />}
    </>
  )
}
