import { Heading, Table } from '@amsterdam/design-system-react'
import { useId } from 'react'

/**
 * One row of figures; null where the API has no figure (a phase no case has left yet). `texts` writes a value otherwise
 * than `format` would, where one is given: a suppressed count reads "< 5", with no bar.
 */
export type ChartRow = { label: string; values: (number | null)[]; texts?: (string | undefined)[] }

type Props = {
  title: string
  /** The name of each value of a row (one bar each), e.g. "Open" and "Gesloten". */
  series: string[]
  rows: ChartRow[]
  /** How a value is written in the table and beside its bar. */
  format?: (value: number | null) => string
  /** The first column's header in the table. */
  rowHeader: string
  /** Marks the table so a test can compare its figures with the API's. */
  figure: string
}

const barHeight = 18
const rowGap = 10
const labelWidth = 250
const chartWidth = 700
const valueSpace = 48
const seriesColours = ['var(--ams-color-interactive)', 'var(--ams-color-highlight-purple)', 'var(--ams-color-highlight-orange)']

/**
 * A horizontal bar chart in plain SVG with the same figures as a table under it (WCAG 1.1.1: the table is the text
 * alternative; the SVG itself is hidden from screen readers so the figures are read once).
 */
export function BarChart({ title, series, rows, format = value => (value == null ? '–' : String(value)), rowHeader, figure }: Props) {
  const headingId = useId()
  const max = Math.max(1, ...rows.flatMap(row => row.values.map(value => value ?? 0)))
  const groupHeight = series.length * barHeight + rowGap
  const height = rows.length * groupHeight + (series.length > 1 ? 28 : 0)
  // The legend shares the chart's width out evenly, so longer series names (three of them) do not run into each other.
  const legendStep = chartWidth / series.length
  const scale = (value: number | null) => ((chartWidth - labelWidth - valueSpace) * (value ?? 0)) / max

  return (
    <section className="chart" aria-labelledby={headingId}>
      <Heading level={2} size="level-3" id={headingId}>
        {title}
      </Heading>
      {rows.length === 0 ? (
        <p className="ams-paragraph">Nog geen gegevens.</p>
      ) : (
        <>
          <svg className="chart__svg" viewBox={`0 0 ${chartWidth} ${height}`} aria-hidden="true" focusable="false">
            {rows.map((row, r) => (
              <g key={row.label} transform={`translate(0 ${r * groupHeight})`}>
                <text x={labelWidth - 8} y={(series.length * barHeight) / 2 + 5} textAnchor="end" className="chart__label">
                  {row.label}
                </text>
                {row.values.map((value, s) => (
                  <g key={series[s]} transform={`translate(${labelWidth} ${s * barHeight})`}>
                    <rect width={Math.max(scale(value), (value ?? 0) > 0 ? 2 : 0)} height={barHeight - 3} fill={seriesColours[s % seriesColours.length]} />
                    <text x={scale(value) + 6} y={barHeight - 6} className="chart__value">
                      {row.texts?.[s] ?? format(value)}
                    </text>
                  </g>
                ))}
              </g>
            ))}
            {series.length > 1 &&
              series.map((name, s) => (
                <g key={name} transform={`translate(${s * legendStep} ${rows.length * groupHeight + 8})`}>
                  <rect width={14} height={14} fill={seriesColours[s % seriesColours.length]} />
                  <text x={20} y={12} className="chart__label">
                    {name}
                  </text>
                </g>
              ))}
          </svg>
          <Table className="chart__table" data-figure={figure}>
            <Table.Caption className="ams-visually-hidden">{title}: de cijfers van de grafiek</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{rowHeader}</Table.HeaderCell>
                {series.map(name => (
                  <Table.HeaderCell key={name} scope="col" className="number">
                    {name}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map(row => (
                <Table.Row key={row.label}>
                  <Table.HeaderCell scope="row">{row.label}</Table.HeaderCell>
                  {row.values.map((value, s) => (
                    <Table.Cell key={series[s]} className="number">
                      {row.texts?.[s] ?? format(value)}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </section>
  )
}
