import { Alert, Button, Dialog, ErrorMessage, Field, Heading, Label, Link, Paragraph, Select, TextArea } from '@amsterdam/design-system-react'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { components } from '../api/schema'
import type { Problem } from '../api/problems'
import { useApiData } from '../api/useApiData'
import { type Command, useCommand } from '../api/useCommand'
import { useSignedIn } from '../auth/SessionContext'
import { FieldError } from '../FieldError'
import { label, networkKindLabels } from '../labels'
import { base } from '../routing'
import { NetworkProblem } from './NetworkProblem'
import { allNetworks } from './useNetworkAreas'

type Network = components['schemas']['NetworkView']
type Props = { network: Network; onChanged: () => void }

/**
 * What a manager does with a network from its page: merge it into another (chosen from the active ones, then confirmed),
 * retire it or make it active again, each with a reason. Every command names the version the page shows (`If-Match`);
 * when the network changed meanwhile the page says so and shows it as it is now.
 */
export function ManageNetwork({ network, onChanged }: Props) {
  const { api } = useSignedIn()
  const { send, busy, problem } = useCommand()
  const [done, setDone] = useState<Outcome>()
  const ifMatch = { 'If-Match': `"${network.version}"` }
  const networkId = network.id

  const run = async <T,>(command: Command<T>, success: Outcome) => {
    if (busy) return
    setDone(undefined)
    const { data, problem: refused } = await send(command)
    if (data) setDone(success)
    if (data || refused?.status === 412) onChanged()
  }

  const merge = (into: NetworkOption) =>
    run(() => api.POST('/networks/{networkId}/merge', { params: { path: { networkId }, header: ifMatch }, body: { into: into.id } }), {
      message: `‘${network.name}’ is samengevoegd met ‘${into.name}’.`,
      link: { href: `${base}networks/${into.id}`, text: `Naar ‘${into.name}’` },
    })
  const changeStatus = (reason: string) => {
    const request = { params: { path: { networkId }, header: ifMatch }, body: { reason } }
    return network.status === 'retired'
      ? run(() => api.POST('/networks/{networkId}/reactivate', request), { message: 'Het netwerk is weer actief.' })
      : run(() => api.POST('/networks/{networkId}/retire', request), { message: 'Het netwerk is opgeheven.' })
  }

  return (
    <section className="manage" aria-labelledby="manage-heading">
      <Heading level={2} size="level-3" id="manage-heading">
        Beheer
      </Heading>
      <NetworkProblem problem={problem} />
      <Done outcome={done} />
      {network.status === 'merged' ? (
        <Paragraph>Een samengevoegd netwerk kan niet meer worden gewijzigd; beheer het netwerk waarmee het is samengevoegd.</Paragraph>
      ) : (
        <>
          <MergeForm network={network} onConfirm={merge} />
          <StatusForm key={network.version} network={network} problem={problem} onSubmit={changeStatus} />
        </>
      )}
    </section>
  )
}

type Outcome = { message: string; link?: { href: string; text: string } }

/** The outcome of a command, focused so it is heard; the control that was used may be gone with the network's new status. */
function Done({ outcome }: { outcome: Outcome | undefined }) {
  const alert = useRef<HTMLDivElement>(null)
  useEffect(() => alert.current?.focus(), [outcome])
  if (!outcome) return null
  return (
    <Alert ref={alert} tabIndex={-1} heading="Gelukt" headingLevel={3} severity="success" data-done="">
      <Paragraph>{outcome.message}</Paragraph>
      {outcome.link && (
        <Paragraph>
          <Link href={outcome.link.href}>{outcome.link.text}</Link>
        </Paragraph>
      )}
    </Alert>
  )
}

type NetworkOption = { id: string; name: string | null }

function MergeForm({ network, onConfirm }: { network: Network; onConfirm: (into: NetworkOption) => void }) {
  const targets = useApiData('merge-targets', api => api.GET('/networks', { params: { query: { status: 'active', sort: 'name', pageSize: allNetworks } } }))
  const others = (targets.data?.items ?? []).filter(n => n.id !== network.id)
  const dialog = useRef<HTMLDialogElement>(null)
  const [into, setInto] = useState<NetworkOption>()
  const [missing, setMissing] = useState(false)

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const chosen = others.find(n => n.id === new FormData(event.currentTarget).get('into'))
    setMissing(!chosen)
    setInto(chosen)
    if (chosen) dialog.current?.showModal()
  }
  const confirm = () => {
    dialog.current?.close()
    if (into) onConfirm(into)
  }

  return (
    <form className="manage__form" onSubmit={ask} noValidate aria-labelledby="merge-heading">
      <Heading level={3} size="level-4" id="merge-heading">
        Samenvoegen
      </Heading>
      <Paragraph>
        Is dit netwerk hetzelfde als een ander? Voeg het dan samen: zijn verbindingen tellen daarna voor het andere netwerk.
      </Paragraph>
      <Field invalid={missing}>
        <Label htmlFor="merge-into">Samenvoegen met</Label>
        {missing && <ErrorMessage id="merge-into-error">Kies het netwerk waarmee u dit netwerk samenvoegt.</ErrorMessage>}
        {/* The options arrive after the page: the key gives the select its first option once they are there. */}
        <Select id="merge-into" name="into" key={others.length} defaultValue="" invalid={missing} aria-describedby={missing ? 'merge-into-error' : undefined}>
          <Select.Option value="">Kies een netwerk</Select.Option>
          {others.map(n => (
            <Select.Option key={n.id} value={n.id}>
              {`${n.name} (${[label(networkKindLabels, n.kind), n.organisation].filter(Boolean).join(', ')})`}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div>
        <Button type="submit" variant="secondary">
          Samenvoegen…
        </Button>
      </div>
      <Dialog
        ref={dialog}
        id="merge-dialog"
        heading="Netwerken samenvoegen?"
        footer={
          <div className="filters__actions">
            <Button type="button" onClick={confirm}>
              Ja, samenvoegen
            </Button>
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Annuleren
            </Button>
          </div>
        }
      >
        <Paragraph>
          ‘{network.name}’ gaat op in ‘{into?.name}’. Alle verbindingen van ‘{network.name}’ tellen daarna voor ‘{into?.name}’;
          ‘{network.name}’ blijft zichtbaar als samengevoegd. Dit kan niet ongedaan worden gemaakt.
        </Paragraph>
      </Dialog>
    </form>
  )
}

/** Retires an active network, or makes a retired one active again, with the reason why. */
function StatusForm({ network, problem, onSubmit }: { network: Network; problem: Problem | undefined; onSubmit: (reason: string) => void }) {
  const retired = network.status === 'retired'
  const action = retired ? 'Weer actief maken' : 'Opheffen'
  const errors = problem?.errors.reason ?? []
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onSubmit(String(new FormData(event.currentTarget).get('reason') ?? '').trim())
  }
  return (
    <form className="manage__form" onSubmit={submit} noValidate aria-labelledby="status-heading">
      <Heading level={3} size="level-4" id="status-heading">
        {action}
      </Heading>
      <Paragraph>
        {retired
          ? 'Het netwerk is opgeheven. Actief gemaakt kunnen casussen er weer mee verbonden worden.'
          : 'Een opgeheven netwerk blijft met zijn geschiedenis op de kaart, maar casussen kunnen er niet meer mee verbonden worden.'}
      </Paragraph>
      <Field invalid={errors.length > 0}>
        <Label htmlFor="status-reason">Reden</Label>
        <FieldError id="status-reason-error" messages={errors} />
        <TextArea id="status-reason" name="reason" rows={3} invalid={errors.length > 0} aria-describedby={errors.length > 0 ? 'status-reason-error' : undefined} />
      </Field>
      <div>
        <Button type="submit" variant="secondary">
          {action}
        </Button>
      </div>
    </form>
  )
}
