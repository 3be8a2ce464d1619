import { DescriptionList, Heading, Link, Paragraph, Table } from '@amsterdam/design-system-react'
import { useState } from 'react'
import type { components } from '../api/schema'
import { useApiData } from '../api/useApiData'
import { mayManageNetworks, mayWriteNetworks } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { BarChart } from '../charts/BarChart'
import {
  domainLabels,
  formatDate,
  formatDateTime,
  formatNeighbourhood,
  formatQuarter,
  label,
  networkKindLabels,
  networkStatusLabels,
  phaseLabels,
  statusLabels,
} from '../labels'
import { ManageNetwork } from '../networks/ManageNetwork'
import { PageTitle } from '../PageTitle'
import { base } from '../routing'
import { Status } from '../Status'
import { Term } from '../Term'
import { Totals } from '../Totals'

/**
 * `/app/networks/{id}`: what the network is, what it reached (in total, and per quarter as a chart with its table), the
 * cases connected to it, and for those whose role allows it: editing it, and merging, retiring or reactivating it.
 */
export function NetworkView({ networkId }: { networkId: string }) {
  const { session } = useSignedIn()
  // Counts the commands sent from this page: each makes it load the network again.
  const [changes, setChanges] = useState(0)
  const { data, failure, loading } = useApiData(`network/${networkId}/${changes}`, api =>
    api.GET('/networks/{networkId}', { params: { path: { networkId } } }),
  )
  return (
    <>
      <PageTitle>{data?.name ? `Netwerk: ${data.name}` : 'Netwerk'}</PageTitle>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          {data.status === 'merged' && data.mergedInto && <MergedInto networkId={data.mergedInto} />}
          <DescriptionList termsWidth="medium" data-version={data.version}>
            <Term name="Soort">{label(networkKindLabels, data.kind)}</Term>
            <Term name="Organisatie">{data.organisation || '–'}</Term>
            <Term name="Status">
              <span data-field="status">{label(networkStatusLabels, data.status)}</span>
            </Term>
            <Term name="Actief in">{(data.activeIn ?? []).map(n => `${formatNeighbourhood(n)}, ${n.district}`).join('; ') || '–'}</Term>
            <Term name="Buurten bereikt">{(data.neighbourhoodsReached ?? []).join(', ') || '–'}</Term>
            <Term name="Beschrijving">{data.description || '–'}</Term>
            <Term name="Geregistreerd">{data.registered ? 'Ja' : 'Nee: alleen genoemd in verbindingen van casussen'}</Term>
            <Term name="Eerste verbinding">{formatDateTime(data.firstConnectedAt)}</Term>
            <Term name="Laatste activiteit">{formatDateTime(data.lastActivityAt)}</Term>
            <Term name="Versie">
              <span data-field="version">{data.version}</span>
            </Term>
          </DescriptionList>
          {mayWriteNetworks(session) && data.status !== 'merged' && (
            <Paragraph>
              <Link href={`${base}networks/${networkId}/edit`}>Netwerk bewerken</Link>
            </Paragraph>
          )}
          <section className="network-part" aria-labelledby="reach-heading">
            <Heading level={2} size="level-3" id="reach-heading">
              Bereik
            </Heading>
            <Totals
              items={[
                { term: 'Casussen', figure: 'cases', value: data.cases },
                { term: 'Open casussen', figure: 'open-cases', value: data.openCases },
                { term: 'Deelnemers', figure: 'participants', value: data.participants },
                { term: 'Afspraken nagekomen', figure: 'fulfilled', value: data.agreements.fulfilled },
                { term: 'Afspraken lopend', figure: 'open-agreements', value: data.agreements.open },
                { term: 'Afspraken verbroken', figure: 'broken', value: data.agreements.broken },
              ]}
            />
          </section>
          <BarChart
            title="Bereik per kwartaal"
            figure="reach-by-quarter"
            rowHeader="Kwartaal"
            series={['Casussen verbonden', 'Deelnemers verbonden', 'Afspraken nagekomen']}
            rows={(data.reachByQuarter ?? []).map(q => ({
              label: formatQuarter(q.quarter),
              values: [q.casesConnected, q.participantsConnected, q.agreementsFulfilled],
            }))}
          />
          <ConnectedCases cases={data.connectedCases ?? []} />
          {mayManageNetworks(session) && <ManageNetwork network={data} onChanged={() => setChanges(n => n + 1)} />}
        </>
      )}
    </>
  )
}

/** Where a merged network's connections count now. */
function MergedInto({ networkId }: { networkId: string }) {
  const { data } = useApiData(`network/${networkId}`, api => api.GET('/networks/{networkId}', { params: { path: { networkId } } }))
  return (
    <Paragraph data-merged-into={networkId}>
      Dit netwerk is samengevoegd met <Link href={`${base}networks/${networkId}`}>{data?.name ?? 'een ander netwerk'}</Link>; zijn
      verbindingen tellen voor dat netwerk.
    </Paragraph>
  )
}

function ConnectedCases({ cases }: { cases: components['schemas']['ConnectedCase'][] }) {
  return (
    <section className="network-part" aria-labelledby="connected-heading">
      <Heading level={2} size="level-3" id="connected-heading">
        Verbonden casussen ({cases.length})
      </Heading>
      {cases.length > 0 && (
        <div className="table-scroll">
          <Table data-figure="connected-cases">
            <Table.Caption className="ams-visually-hidden">Casussen die met dit netwerk verbonden zijn</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Casus</Table.HeaderCell>
                <Table.HeaderCell scope="col">Domein</Table.HeaderCell>
                <Table.HeaderCell scope="col">Fase</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Verbonden op</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {cases.map(c => (
                <Table.Row key={c.caseId} data-case={c.caseId}>
                  <Table.Cell>
                    <Link href={`${base}cases/${c.caseId}`}>{c.title || '–'}</Link>
                  </Table.Cell>
                  <Table.Cell>{label(domainLabels, c.domain)}</Table.Cell>
                  <Table.Cell>{label(phaseLabels, c.phase)}</Table.Cell>
                  <Table.Cell>{label(statusLabels, c.status)}</Table.Cell>
                  <Table.Cell>{formatDate(c.connectedAt)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  )
}
