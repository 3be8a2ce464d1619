import { Field, Heading, Label, Paragraph, Select, Table } from '@amsterdam/design-system-react'
import { useState } from 'react'
import { BarChart } from '../charts/BarChart'
import { label, type LifeDomain, levelLabels, lifeDomainLabels } from '../labels'
import { areaName, figureText, hasFigures, type InsightsAnswer, type InsightsRow, shares } from './insightFigures'
import { SupportOverTime } from './SupportOverTime'

const moments = [
  { key: 'first', label: 'eerste', title: 'Eerste' },
  { key: 'latest', label: 'laatste', title: 'Laatste' },
] as const

type Props = { answer: InsightsAnswer; area: InsightsRow; district?: string; neighbourhood?: string }

/**
 * The chosen area's residents per ZRM life domain: every measured domain in tables (how levels moved, the levels at the
 * first and latest measurement, the median support behind them), and one domain, chosen here, as charts: its levels, and
 * its support over the quarters.
 */
export function LifeDomains({ answer, area, district, neighbourhood }: Props) {
  const domains = (area.domains ?? []).filter(d => hasFigures(area, d))
  const [chosen, setChosen] = useState<LifeDomain | undefined>()
  const text = (field: string, value: number | null | undefined, percent = false) => figureText(area, field, value, answer.minimumCount, percent)
  const domain = domains.find(d => d.domain === chosen) ?? domains[0]

  return (
    <section className="insights__domains" aria-labelledby="domains-heading">
      <Heading level={2} id="domains-heading">
        Zelfredzaamheid per leefgebied: {areaName(area)}
      </Heading>
      <Paragraph>
        Bewoners met ten minste twee metingen (Zelfredzaamheid-Matrix) tot het einde van het kwartaal: {text('measured', area.measured)}. Per leefgebied
        het niveau bij hun eerste en bij hun laatste meting, van 1 (acute problematiek) tot 5 (volledig zelfredzaam), en wie de steun draagt.
      </Paragraph>
      {!domain ? (
        <Paragraph>Nog geen metingen in dit gebied.</Paragraph>
      ) : (
        <>
          <FigureTable
            figure="level-changes"
            caption="Niveau bij de laatste meting vergeleken met de eerste"
            columns={['Vooruit', 'Gelijk', 'Achteruit']}
            rows={domains.map(d => ({
              label: label(lifeDomainLabels, d.domain),
              cells: (['improved', 'same', 'worse'] as const).map(change => text(`domains.${d.domain}.${change}`, d[change])),
            }))}
          />
          <FigureTable
            figure="levels"
            caption="Bewoners per niveau bij de eerste en de laatste meting"
            columns={moments.flatMap(m => levelLabels.map((_, i) => `${m.title}: ${i + 1}`))}
            rows={domains.map(d => ({
              label: label(lifeDomainLabels, d.domain),
              cells: moments.flatMap(m => levelLabels.map((_, i) => text(`domains.${d.domain}.${m.key}Levels.${i + 1}`, d[`${m.key}Levels`]?.[i]))),
            }))}
          />
          <FigureTable
            figure="support"
            caption="Wie draagt de steun: mediaan bij de eerste en de laatste meting (%)"
            columns={moments.flatMap(m => shares.map(s => `${s.label}, ${m.label}`))}
            rows={domains.map(d => ({
              label: label(lifeDomainLabels, d.domain),
              cells: moments.flatMap(m => shares.map(s => text(`domains.${d.domain}.${m.key}Support.${s.key}`, d[`${m.key}Support`][s.key], true))),
            }))}
          />
          <Field className="insights__domain-choice">
            <Label htmlFor="life-domain">Leefgebied in de grafieken</Label>
            <Select id="life-domain" value={domain.domain} onChange={event => setChosen(event.currentTarget.value as LifeDomain)}>
              {domains.map(d => (
                <Select.Option key={d.domain} value={d.domain}>
                  {label(lifeDomainLabels, d.domain)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <div className="charts">
            <BarChart
              title={`${label(lifeDomainLabels, domain.domain)}: niveau bij eerste en laatste meting`}
              figure="levels-chart"
              rowHeader="Niveau"
              series={['Eerste meting', 'Laatste meting']}
              rows={levelLabels.map((levelLabel, i) => ({
                label: levelLabel,
                values: moments.map(m => domain[`${m.key}Levels`]?.[i] ?? null),
                texts: moments.map(m => text(`domains.${domain.domain}.${m.key}Levels.${i + 1}`, domain[`${m.key}Levels`]?.[i])),
              }))}
            />
            <SupportOverTime answer={answer} area={area} domain={domain.domain} district={district} neighbourhood={neighbourhood} />
          </div>
        </>
      )}
    </section>
  )
}

/** A table of figures by life domain, under a visible caption. */
function FigureTable({ figure, caption, columns, rows }: { figure: string; caption: string; columns: string[]; rows: { label: string; cells: string[] }[] }) {
  return (
    <div className="table-scroll">
      <Table data-figure={figure}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Leefgebied</Table.HeaderCell>
            {columns.map(column => (
              <Table.HeaderCell key={column} scope="col" className="number">
                {column}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map(row => (
            <Table.Row key={row.label}>
              <Table.HeaderCell scope="row">{row.label}</Table.HeaderCell>
              {row.cells.map((cell, i) => (
                <Table.Cell key={columns[i]} className="number">
                  {cell}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
