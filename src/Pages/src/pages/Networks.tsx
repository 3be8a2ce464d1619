import { Button, Link, Paragraph, Table } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'
import { mayWriteNetworks } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { formatDate, formatNeighbourhood, label, networkKindLabels, networkStatusLabels } from '../labels'
import { FilterSelect, FilterText, ListPagination, SortSelect } from '../lists/ListControls'
import { useListQuery } from '../lists/listQuery'
import { neighbourhoodChoices, useNetworkAreas } from '../networks/useNetworkAreas'
import { PageTitle } from '../PageTitle'
import { base } from '../routing'
import { Status } from '../Status'

// The list's query parameters of API.md (Networks); the page's own address carries them, as the case list's does.
const filterNames = ['district', 'neighbourhood', 'kind', 'status', 'q', 'sort'] as const

const sortLabels: Record<string, string> = {
  '-cases': 'Meeste casussen',
  '-openCases': 'Meeste open casussen',
  '-participants': 'Meeste deelnemers',
  name: 'Naam, A–Z',
  '-name': 'Naam, Z–A',
  '-lastActivityAt': 'Laatst actief eerst',
  lastActivityAt: 'Langst stil eerst',
  firstConnectedAt: 'Oudste verbinding eerst',
  '-firstConnectedAt': 'Nieuwste verbinding eerst',
}
const pageSize = 25

/**
 * `/app/networks`: the neighbourhood's social map, `GET /api/networks` with its filters, search, sort and paging: what
 * each network is, where it is active and what it reaches.
 */
export function Networks() {
  const { session } = useSignedIn()
  const { filters, query, page, pageLink, apply } = useListQuery('networks', filterNames)
  const { data, failure, loading } = useApiData(`networks?${filters}&page=${page}`, api =>
    api.GET('/networks', { params: { query: { ...query, page, pageSize } } }),
  )
  const areas = useNetworkAreas()
  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1

  return (
    <>
      <PageTitle>Netwerken</PageTitle>
      <Paragraph>
        De sociale kaart van de buurt: welke netwerken er zijn, waar ze actief zijn en wat ze bereiken. Een wijziging staat
        binnen enkele tellen in deze lijst.
      </Paragraph>
      {mayWriteNetworks(session) && (
        <Paragraph>
          <Link href={`${base}networks/new`}>Netwerk registreren</Link>
        </Paragraph>
      )}
      {/* The key resets the form's fields when the address changes (back button, a link with other filters). */}
      <form className="filters" onSubmit={apply} key={filters.toString()} aria-label="Filters">
        {/* These choices arrive after the page: their keys show the address's choice once it is among them. */}
        <FilterSelect
          key={`district-${areas.districts.length}`}
          name="district"
          label="Stadsdeel"
          value={query.district}
          choices={Object.fromEntries(areas.districts.map(d => [d, d]))}
        />
        <FilterSelect
          key={`neighbourhood-${areas.neighbourhoods.length + areas.reachedOnly.length}`}
          name="neighbourhood"
          label="Buurt"
          value={query.neighbourhood}
          choices={neighbourhoodChoices(areas)}
        />
        <FilterSelect name="kind" label="Soort" value={query.kind} choices={networkKindLabels} />
        <FilterSelect name="status" label="Status" value={query.status} choices={networkStatusLabels} />
        <FilterText name="q" label="Zoeken" value={query.q} hint="naam of organisatie" />
        <SortSelect value={query.sort} sorts={sortLabels} />
        <div className="filters__actions">
          <Button type="submit">Toon netwerken</Button>
        </div>
      </form>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <Paragraph role="status" data-figure="total">
            {data.total === 1 ? '1 netwerk' : `${data.total} netwerken`}
          </Paragraph>
          <div className="table-scroll">
            <Table className="network-list" data-figure="networks">
              <Table.Caption className="ams-visually-hidden">
                Netwerken met hun bereik, pagina {page} van {totalPages}
              </Table.Caption>
              {/* Two header rows: the case and agreement figures each under their group's name (scope colgroup). */}
              <colgroup span={3} />
              <colgroup span={2} />
              <colgroup span={1} />
              <colgroup span={3} />
              <colgroup span={1} />
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col" rowSpan={2}>
                    Netwerk
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" rowSpan={2}>
                    Status
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" rowSpan={2}>
                    Actief in
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="colgroup" colSpan={2} className="number">
                    Casussen
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" rowSpan={2} className="number">
                    Deelnemers
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="colgroup" colSpan={3} className="number">
                    Afspraken
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" rowSpan={2}>
                    Laatste activiteit
                  </Table.HeaderCell>
                </Table.Row>
                <Table.Row>
                  <Table.HeaderCell scope="col" className="number">Alle</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="number">Open</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="number">Nagekomen</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="number">Lopend</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="number">Verbroken</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {(data.items ?? []).map(n => (
                  <Table.Row key={n.id} data-network={n.id}>
                    <Table.HeaderCell scope="row">
                      <Link href={`${base}networks/${n.id}`}>{n.name || '–'}</Link>
                      <span className="network-list__about" data-kind={n.kind}>
                        {[label(networkKindLabels, n.kind), n.organisation].filter(Boolean).join(', ')}
                      </span>
                    </Table.HeaderCell>
                    <Table.Cell data-status={n.status}>{label(networkStatusLabels, n.status)}</Table.Cell>
                    <Table.Cell>{(n.activeIn ?? []).map(formatNeighbourhood).join(', ') || '–'}</Table.Cell>
                    <Table.Cell className="number">{n.cases}</Table.Cell>
                    <Table.Cell className="number">{n.openCases}</Table.Cell>
                    <Table.Cell className="number">{n.participants}</Table.Cell>
                    <Table.Cell className="number">{n.agreements.fulfilled}</Table.Cell>
                    <Table.Cell className="number">{n.agreements.open}</Table.Cell>
                    <Table.Cell className="number">{n.agreements.broken}</Table.Cell>
                    <Table.Cell>{formatDate(n.lastActivityAt)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <ListPagination page={page} totalPages={totalPages} link={pageLink} />
        </>
      )}
    </>
  )
}
