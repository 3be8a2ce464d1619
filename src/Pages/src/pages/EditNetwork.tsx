import { Link, Paragraph } from '@amsterdam/design-system-react'
import { useState } from 'react'
import { useApiData } from '../api/useApiData'
import { useCommand } from '../api/useCommand'
import { useSignedIn } from '../auth/SessionContext'
import { type NetworkFields, NetworkForm } from '../networks/NetworkForm'
import { NetworkProblem } from '../networks/NetworkProblem'
import { PageTitle } from '../PageTitle'
import { base, navigate } from '../routing'
import { Status } from '../Status'

/**
 * `/app/networks/{id}/edit`: `POST /api/networks/{id}/update` with `If-Match` naming the version the form shows. When
 * someone changed the network meanwhile (412) the page says so and fills the form with the network as it is now.
 */
export function EditNetwork({ networkId }: { networkId: string }) {
  const { api } = useSignedIn()
  const [loads, setLoads] = useState(0)
  const { data, failure, loading } = useApiData(`network/${networkId}/edit/${loads}`, api =>
    api.GET('/networks/{networkId}', { params: { path: { networkId } } }),
  )
  const { send, busy, problem } = useCommand()
  const networkPage = `${base}networks/${networkId}`

  const save = async (fields: NetworkFields) => {
    if (!data) return
    const { data: changed, problem: refused } = await send(() =>
      api.POST('/networks/{networkId}/update', {
        params: { path: { networkId }, header: { 'If-Match': `"${data.version}"` } },
        body: fields,
      }),
    )
    if (changed) navigate(networkPage)
    else if (refused?.status === 412) setLoads(n => n + 1)
  }

  return (
    <>
      <PageTitle>Netwerk bewerken</PageTitle>
      <Status loading={loading && !data} failure={failure} />
      <NetworkProblem problem={problem} />
      {data?.status === 'merged' ? (
        <Paragraph>
          Dit netwerk is samengevoegd en kan niet meer worden bewerkt.{' '}
          <Link href={`${base}networks/${data.mergedInto}`}>Bewerk het netwerk waarmee het is samengevoegd</Link>.
        </Paragraph>
      ) : (
        data && (
          <>
            <Paragraph size="small" data-version={data.version}>
              U bewerkt ‘{data.name}’ zoals het er bij versie {data.version} uitzag.
            </Paragraph>
            {/* A new version (after a 412) fills the form anew. */}
            <NetworkForm key={data.version} initial={data} submitLabel="Opslaan" cancelHref={networkPage} busy={busy} problem={problem} onSubmit={save} />
          </>
        )
      )}
    </>
  )
}
