import { Heading, Table } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'
import { BarChart } from '../charts/BarChart'
import { formatDate, label, networkKindLabels } from '../labels'
import { PageTitle } from '../PageTitle'
import { Status } from '../Status'

/** `/app/networks`: `GET /api/networks`, which networks carry the work, as a chart and a table of all their figures. */
export function Networks() {
  const { data, failure, loading } = useApiData('networks', api => api.GET('/networks'))
  const networks = data?.items ?? []
  return (
    <>
      <PageTitle>Netwerken</PageTitle>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <BarChart
            title="Casussen per netwerk"
            figure="cases-per-network"
            rowHeader="Netwerk"
            series={['Casussen', 'Open casussen']}
            rows={networks.map(n => ({ label: n.name ?? '–', values: [n.cases, n.openCases] }))}
          />
          <section aria-labelledby="networks-heading">
            <Heading level={2} size="level-3" id="networks-heading">
              Alle netwerken
            </Heading>
            <div className="table-scroll">
              <Table data-figure="networks">
                <Table.Caption className="ams-visually-hidden">Alle netwerken met hun bereik</Table.Caption>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell scope="col">Netwerk</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Soort</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Casussen</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Open</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Deelnemers</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Buurten</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Verbindingen</Table.HeaderCell>
                    <Table.HeaderCell scope="col" className="number">Lopende afspraken</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Laatst verbonden</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {networks.map(n => (
                    <Table.Row key={n.key}>
                      <Table.HeaderCell scope="row">{n.name}</Table.HeaderCell>
                      <Table.Cell>{label(networkKindLabels, n.kind)}</Table.Cell>
                      <Table.Cell className="number">{n.cases}</Table.Cell>
                      <Table.Cell className="number">{n.openCases}</Table.Cell>
                      <Table.Cell className="number">{n.participants}</Table.Cell>
                      <Table.Cell className="number" title={(n.neighbourhoodCodes ?? []).join(', ')}>
                        {n.neighbourhoods}
                      </Table.Cell>
                      <Table.Cell className="number">{n.connections}</Table.Cell>
                      <Table.Cell className="number">{n.activeAgreements?.length ?? 0}</Table.Cell>
                      <Table.Cell>{formatDate(n.lastConnectedAt)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>
        </>
      )}
    </>
  )
}
