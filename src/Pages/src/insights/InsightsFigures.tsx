import { Heading, Paragraph, Table } from '@amsterdam/design-system-react'
import { BarChart } from '../charts/BarChart'
import { domainLabels, formatDate, formatQuarter, label } from '../labels'
import { Totals } from '../Totals'
import { areaName, figureText, type InsightsAnswer, type InsightsRow, selectedRow } from './insightFigures'
import { LifeDomains } from './LifeDomains'

const carriers = [
  { key: 'byResidents', label: 'Door bewoners' },
  { key: 'withProfessional', label: 'Met een professional' },
] as const
const agreementCounts = [
  { key: 'made', label: 'gemaakt' },
  { key: 'fulfilled', label: 'nagekomen' },
  { key: 'broken', label: 'verbroken' },
] as const

/** The figures of one answer of `GET /api/insights`: the areas side by side, then the chosen area's life domains. */
export function InsightsFigures({ answer, district, neighbourhood }: { answer: InsightsAnswer; district?: string; neighbourhood?: string }) {
  const rows = answer.rows ?? []
  const min = answer.minimumCount
  const text = (row: InsightsRow, field: string, value: number | null | undefined, percent = false) => figureText(row, field, value, min, percent)
  const area = selectedRow(rows, district, neighbourhood)

  return (
    <>
      <Paragraph>
        {formatQuarter(answer.period)}: {formatDate(answer.from)} tot en met {formatDate(answer.to)}
        {answer.domain ? `, programma ${label(domainLabels, answer.domain)}` : ', alle programma’s'}. Een aantal onder de {min} staat
        er als “&lt; {min}”, en een aantal waaruit zo’n klein aantal af te leiden is ook: zo herkent niemand een gezin. Een
        mediaan van minder dan {min} bewoners staat er als “–”.
      </Paragraph>
      {area && (
        <Totals
          items={[
            { term: `Netwerken (${areaName(area)})`, figure: 'networks', value: text(area, 'networks', area.networks) },
            { term: 'Casussen', figure: 'cases', value: text(area, 'cases', area.cases) },
            { term: 'Deelnemers', figure: 'participants', value: text(area, 'participants', area.participants) },
            { term: 'Verbindingen', figure: 'connections', value: text(area, 'connections', area.connections) },
            { term: 'Gemeten bewoners', figure: 'measured', value: text(area, 'measured', area.measured) },
          ]}
        />
      )}
      <section className="table-scroll" aria-labelledby="areas-heading">
        <Heading level={2} size="level-3" id="areas-heading">
          Per stadsdeel en buurt
        </Heading>
        <Table data-figure="areas">
          <Table.Caption className="ams-visually-hidden">Netwerken, casussen, deelnemers, verbindingen en gemeten bewoners per gebied</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Gebied</Table.HeaderCell>
              {['Netwerken', 'Casussen', 'Deelnemers', 'Verbindingen', 'Gemeten bewoners'].map(name => (
                <Table.HeaderCell key={name} scope="col" className="number">
                  {name}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map(row => (
              <Table.Row key={areaName(row)}>
                <Table.HeaderCell scope="row">{areaName(row)}</Table.HeaderCell>
                {(['networks', 'cases', 'participants', 'connections', 'measured'] as const).map(field => (
                  <Table.Cell key={field} className="number">
                    {text(row, field, row[field])}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>
      <div className="charts">
        <BarChart
          title="Netwerken per gebied"
          figure="networks-by-area"
          rowHeader="Gebied"
          series={['Netwerken']}
          rows={rows.map(row => ({ label: areaName(row), values: [row.networks], texts: [text(row, 'networks', row.networks)] }))}
        />
        <BarChart
          title="Afspraken gemaakt: door bewoners of met een professional"
          figure="agreements-by-carrier"
          rowHeader="Gebied"
          series={carriers.map(c => c.label)}
          rows={rows.map(row => ({
            label: areaName(row),
            values: carriers.map(c => row.agreements[c.key].made),
            texts: carriers.map(c => text(row, `agreements.${c.key}.made`, row.agreements[c.key].made)),
          }))}
        />
      </div>
      <section className="table-scroll" aria-labelledby="agreements-heading">
        <Heading level={2} size="level-3" id="agreements-heading">
          Afspraken nagekomen en verbroken
        </Heading>
        <Table data-figure="agreements">
          <Table.Caption className="ams-visually-hidden">Afspraken per gebied, door bewoners en met een professional</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Gebied</Table.HeaderCell>
              {carriers.flatMap(c =>
                agreementCounts.map(count => (
                  <Table.HeaderCell key={`${c.key}-${count.key}`} scope="col" className="number">
                    {c.label}: {count.label}
                  </Table.HeaderCell>
                )),
              )}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map(row => (
              <Table.Row key={areaName(row)}>
                <Table.HeaderCell scope="row">{areaName(row)}</Table.HeaderCell>
                {carriers.flatMap(c =>
                  agreementCounts.map(count => (
                    <Table.Cell key={`${c.key}-${count.key}`} className="number">
                      {text(row, `agreements.${c.key}.${count.key}`, row.agreements[c.key][count.key])}
                    </Table.Cell>
                  )),
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>
      {area && <LifeDomains answer={answer} area={area} district={district} neighbourhood={neighbourhood} />}
    </>
  )
}
