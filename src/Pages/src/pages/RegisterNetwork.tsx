import { Paragraph } from '@amsterdam/design-system-react'
import { useCommand } from '../api/useCommand'
import { useSignedIn } from '../auth/SessionContext'
import { type NetworkFields, NetworkForm } from '../networks/NetworkForm'
import { NetworkProblem } from '../networks/NetworkProblem'
import { PageTitle } from '../PageTitle'
import { base, navigate } from '../routing'

/** `/app/networks/new`: `POST /api/networks`; a network of the same name and kind is named in the problem, with a link to it. */
export function RegisterNetwork() {
  const { api } = useSignedIn()
  const { send, busy, problem } = useCommand()
  const register = async ({ description, organisation, ...fields }: NetworkFields) => {
    const { data } = await send(() =>
      api.POST('/networks', { body: { ...fields, description: description || null, organisation: organisation || null } }),
    )
    if (data) navigate(`${base}networks/${data.id}`)
  }
  return (
    <>
      <PageTitle>Netwerk registreren</PageTitle>
      <Paragraph>Een netwerk bevat geen persoonsgegevens: noem geen leden en geen telefoonnummers.</Paragraph>
      <NetworkProblem problem={problem} />
      <NetworkForm submitLabel="Registreren" cancelHref={`${base}networks`} busy={busy} problem={problem} onSubmit={register} />
    </>
  )
}
