import { Button, Link, Paragraph, Table } from '@amsterdam/design-system-react'
import { useState } from 'react'
import { download } from '../api/client'
import { useApiData } from '../api/useApiData'
import { mayTrackProgress } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { domainLabels, formatDateTime, label, phaseLabels, statusLabels } from '../labels'
import { FilterSelect, FilterText, ListPagination, SortSelect } from '../lists/ListControls'
import { useListQuery } from '../lists/listQuery'
import { PageTitle } from '../PageTitle'
import { base } from '../routing'
import { Status } from '../Status'

// The list's query parameters of API.md; the page's own address carries them, so a filtered list can be bookmarked.
const filterNames = ['domain', 'phase', 'status', 'neighbourhood', 'owner', 'q', 'sort'] as const

const sortLabels: Record<string, string> = {
  '-lastActivityAt': 'Laatste activiteit, nieuwste eerst',
  lastActivityAt: 'Laatste activiteit, oudste eerst',
  '-openedAt': 'Geopend, nieuwste eerst',
  openedAt: 'Geopend, oudste eerst',
  title: 'Titel, A–Z',
  '-title': 'Titel, Z–A',
  neighbourhood: 'Buurt',
  phase: 'Fase',
}
const pageSize = 25

/** `/app/cases`: `GET /api/cases` with its filters, search, sort and paging, and the CSV export of the same selection. */
export function CaseList() {
  const { session } = useSignedIn()
  const { filters, query, page, pageLink, apply } = useListQuery('cases', filterNames)
  const { data, failure, loading } = useApiData(`cases?${filters}&page=${page}`, api =>
    api.GET('/cases', { params: { query: { ...query, page, pageSize } } }),
  )
  const [downloadFailure, setDownloadFailure] = useState<string>()

  const downloadCsv = () =>
    download(`/cases/export.csv${filters.size ? `?${filters}` : ''}`, session.token, 'casussen.csv').then(
      () => setDownloadFailure(undefined),
      (error: Error) => setDownloadFailure(error.message),
    )

  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1
  return (
    <>
      <PageTitle>Casussen</PageTitle>
      {/* The key resets the form's fields when the address changes (back button, a link with other filters). */}
      <form className="filters" onSubmit={apply} key={filters.toString()} aria-label="Filters">
        <FilterSelect name="domain" label="Domein" value={query.domain} choices={domainLabels} />
        <FilterSelect name="phase" label="Fase" value={query.phase} choices={phaseLabels} />
        <FilterSelect name="status" label="Status" value={query.status} choices={statusLabels} />
        <FilterText name="neighbourhood" label="Buurtcode" value={query.neighbourhood} hint="bijvoorbeeld F76" />
        <FilterText name="owner" label="Eigenaar" value={query.owner} />
        <FilterText name="q" label="Zoeken" value={query.q} />
        <SortSelect value={query.sort} sorts={sortLabels} />
        <div className="filters__actions">
          <Button type="submit">Toon casussen</Button>
          {mayTrackProgress(session) && (
            <Button type="button" variant="secondary" onClick={downloadCsv}>
              Download CSV
            </Button>
          )}
        </div>
      </form>
      {downloadFailure && <Status loading={false} failure={downloadFailure} />}
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <Paragraph role="status" data-figure="total">
            {data.total === 1 ? '1 casus' : `${data.total} casussen`}
          </Paragraph>
          <Table data-figure="cases">
            <Table.Caption className="ams-visually-hidden">Casussen, pagina {page} van {totalPages}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Titel</Table.HeaderCell>
                <Table.HeaderCell scope="col">Domein</Table.HeaderCell>
                <Table.HeaderCell scope="col">Buurt</Table.HeaderCell>
                <Table.HeaderCell scope="col">Fase</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Eigenaar</Table.HeaderCell>
                <Table.HeaderCell scope="col">Laatste activiteit</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data.items ?? []).map(item => (
                <Table.Row key={item.id} data-case={item.id}>
                  <Table.Cell>
                    <Link href={`${base}cases/${item.id}`}>{item.title}</Link>
                  </Table.Cell>
                  <Table.Cell data-domain={item.domain}>{label(domainLabels, item.domain)}</Table.Cell>
                  <Table.Cell>{item.neighbourhood ? `${item.neighbourhood.name} (${item.neighbourhood.code})` : '–'}</Table.Cell>
                  <Table.Cell data-phase={item.phase}>{label(phaseLabels, item.phase)}</Table.Cell>
                  <Table.Cell data-status={item.status}>{label(statusLabels, item.status)}</Table.Cell>
                  <Table.Cell>{item.owner ?? '–'}</Table.Cell>
                  <Table.Cell>{formatDateTime(item.lastActivityAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <ListPagination page={page} totalPages={totalPages} link={pageLink} />
        </>
      )}
    </>
  )
}
