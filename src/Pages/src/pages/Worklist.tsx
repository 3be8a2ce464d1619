import { Button, Link, Paragraph, Table } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'
import { domainLabels, followUpKindLabels, formatDateTime, label } from '../labels'
import { FilterSelect, FilterText } from '../lists/ListControls'
import { useListQuery } from '../lists/listQuery'
import { PageTitle } from '../PageTitle'
import { base } from '../routing'
import { Status } from '../Status'

// The worklist's query parameters of API.md; `after` is the cursor of the page before, carried in the address like the filters.
const filterNames = ['owner', 'kind', 'status', 'domain', 'neighbourhood', 'after'] as const
const overdueLabels = { late: 'Te laat', 'late-3x': 'Drie keer te laat' }
const pageSize = 50

/** `/app/worklist`: the Werkvoorraad, `GET /api/worklist`: overdue follow-ups, most overdue first, with its filters. */
export function Worklist() {
  const { filters, query, apply } = useListQuery('worklist', filterNames)
  const { data, failure, loading } = useApiData(`worklist?${filters}`, api =>
    api.GET('/worklist', { params: { query: { ...query, pageSize } } }),
  )
  const next = new URLSearchParams(filters)
  if (data?.after) next.set('after', data.after)

  return (
    <>
      <PageTitle>Werkvoorraad</PageTitle>
      <form className="filters" onSubmit={apply} key={filters.toString()} aria-label="Filters">
        <FilterText name="owner" label="Eigenaar" value={query.owner} hint="of me" />
        <FilterSelect name="kind" label="Soort termijn" value={query.kind} choices={followUpKindLabels} />
        <FilterSelect name="status" label="Stand" value={query.status} choices={overdueLabels} />
        <FilterSelect name="domain" label="Domein" value={query.domain} choices={domainLabels} />
        <FilterText name="neighbourhood" label="Buurtcode" value={query.neighbourhood} hint="bijvoorbeeld F76" />
        <div className="filters__actions">
          <Button type="submit">Toon werkvoorraad</Button>
        </div>
      </form>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <Paragraph role="status" data-figure="total">
            {data.totalEstimated ? 'ongeveer ' : ''}{data.total === 1 ? '1 verstreken termijn' : `${data.total} verstreken termijnen`}
          </Paragraph>
          <div className="table-scroll">
            <Table data-figure="worklist">
              <Table.Caption className="ams-visually-hidden">Verstreken termijnen, meest verstreken eerst</Table.Caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Casus</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Domein</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Buurt</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Eigenaar</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Termijn</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Uiterlijk</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Stand</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Dagen te laat</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {(data.items ?? []).map(item => (
                  <Table.Row key={`${item.caseId}-${item.kind}-${item.ref ?? ''}`} data-case={item.caseId}>
                    <Table.Cell>
                      <Link href={`${base}cases/${item.caseId}`}>{item.title}</Link>
                    </Table.Cell>
                    <Table.Cell>{label(domainLabels, item.domain)}</Table.Cell>
                    <Table.Cell>{item.neighbourhood ? `${item.neighbourhood.name} (${item.neighbourhood.code})` : '–'}</Table.Cell>
                    <Table.Cell>{item.owner ?? '–'}</Table.Cell>
                    <Table.Cell data-kind={item.kind}>{label(followUpKindLabels, item.kind)}</Table.Cell>
                    <Table.Cell>{formatDateTime(item.dueAt)}</Table.Cell>
                    <Table.Cell data-status={item.status}>{label(overdueLabels, item.status)}</Table.Cell>
                    <Table.Cell>{item.daysOverdue}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {data.after && <Link href={`${base}worklist?${next}`}>Volgende {pageSize} termijnen</Link>}
        </>
      )}
    </>
  )
}
