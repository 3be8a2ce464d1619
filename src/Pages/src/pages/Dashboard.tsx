import { Heading, Link, Paragraph, UnorderedList } from '@amsterdam/design-system-react'
import { useEffect } from 'react'
import { useApiData } from '../api/useApiData'
import { BarChart } from '../charts/BarChart'
import { domainLabels, formatDateTime, formatDays, label, outcomeLabels, phaseLabels } from '../labels'
import { PageTitle } from '../PageTitle'
import { base } from '../routing'
import { Status } from '../Status'
import { Totals } from '../Totals'

/** `/app/`: the programme manager's picture of `GET /api/dashboard`, every chart with its figures as a table. */
export function Dashboard() {
  const { data, failure, loading } = useApiData('dashboard', api => api.GET('/dashboard'))

  // The moment the figures are on screen, for the render-time measurement (bench/run.sh pages).
  useEffect(() => {
    if (data) performance.mark('dashboard-rendered')
  }, [data])

  return (
    <>
      <PageTitle>Dashboard</PageTitle>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <Paragraph size="small">Stand van {formatDateTime(data.asOf)}</Paragraph>
          <Totals
            items={[
              { term: 'Open casussen', figure: 'open', value: data.open },
              { term: 'Gesloten casussen', figure: 'closed', value: data.closed },
              { term: 'Stilgevallen casussen', figure: 'stalled', value: data.stalled?.count ?? 0 },
            ]}
          />
          <div className="charts">
            <BarChart
              title="Casussen per domein en fase"
              figure="by-domain-and-phase"
              rowHeader="Domein en fase"
              series={['Open', 'Gesloten']}
              rows={(data.byDomainAndPhase ?? []).map(c => ({
                label: `${label(domainLabels, c.domain)}: ${label(phaseLabels, c.phase)}`,
                values: [c.open, c.closed],
              }))}
            />
            <BarChart
              title="Tijdigheid van open casussen per domein en fase"
              figure="punctuality"
              rowHeader="Domein en fase"
              series={['Op tijd', 'Te laat', 'Drie keer te laat']}
              rows={(data.punctuality ?? []).map(c => ({
                label: `${label(domainLabels, c.domain)}: ${label(phaseLabels, c.phase)}`,
                values: [c.onTime, c.late, c.lateThreeTimes],
              }))}
            />
            <BarChart
              title="Tijd in fase (dagen)"
              figure="time-in-phase"
              rowHeader="Fase"
              series={['Mediaan', '90e percentiel']}
              format={formatDays}
              rows={(data.timeInPhase ?? []).map(t => ({ label: label(phaseLabels, t.phase), values: [t.median ?? null, t.p90 ?? null] }))}
            />
            <BarChart
              title="Uitkomsten van gesloten casussen"
              figure="outcomes"
              rowHeader="Uitkomst"
              series={['Aantal']}
              rows={(data.outcomes ?? []).map(o => ({ label: label(outcomeLabels, o.outcome), values: [o.count] }))}
            />
            <BarChart
              title="Casussen per stadsdeel"
              figure="by-district"
              rowHeader="Stadsdeel"
              series={['Open', 'Gesloten']}
              rows={(data.byDistrict ?? []).map(d => ({ label: d.district ?? '–', values: [d.open, d.closed] }))}
            />
            <BarChart
              title="Casussen per buurt"
              figure="by-neighbourhood"
              rowHeader="Buurt"
              series={['Open', 'Gesloten']}
              rows={(data.byNeighbourhood ?? []).map(n => ({ label: `${n.name} (${n.code})`, values: [n.open, n.closed] }))}
            />
          </div>
          <section aria-labelledby="stalled-heading">
            <Heading level={2} size="level-3" id="stalled-heading">
              Stilgevallen: geen contactmoment in {data.stalled?.thresholdDays ?? 30} dagen
            </Heading>
            {(data.stalled?.caseIds ?? []).length === 0 ? (
              <Paragraph>Geen stilgevallen casussen.</Paragraph>
            ) : (
              <UnorderedList data-figure="stalled-cases">
                {(data.stalled?.caseIds ?? []).map(id => (
                  <UnorderedList.Item key={id}>
                    <Link href={`${base}cases/${id}`}>Casus {id.slice(-12)}</Link>
                  </UnorderedList.Item>
                ))}
              </UnorderedList>
            )}
          </section>
        </>
      )}
    </>
  )
}
