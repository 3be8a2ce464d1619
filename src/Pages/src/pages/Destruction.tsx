import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table, TextArea } from '@amsterdam/design-system-react'
import { type FormEvent, useEffect, useState } from 'react'
import { download } from '../api/client'
import { useApiData } from '../api/useApiData'
import { useCommand } from '../api/useCommand'
import { mayAdminister } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { FieldError } from '../FieldError'
import { domainLabels, formatDate, formatDateTime, label, outcomeLabels } from '../labels'
import { PageTitle } from '../PageTitle'
import { base, navigate, useLocation } from '../routing'
import { Status } from '../Status'

const listStatusLabels: Record<string, string> = { proposed: 'Voorgesteld', destroying: 'Wordt vernietigd', destroyed: 'Vernietigd' }
const itemStatusLabels: Record<string, string> = { proposed: 'Op de lijst', excluded: 'Uitgezonderd', kept: 'Bewaard', destroyed: 'Vernietigd' }

// The rules' codes (src/Domain/Retention/DestructionRules.cs) in the pages' language.
const refusals: Record<string, string> = {
  'nothing-due': 'Er is geen gesloten casus waarvan de bewaartermijn verstreken is (of elke staat al op een open lijst).',
  'four-eyes': 'U stelde deze lijst op: een andere beheerder of auditor moet hem goedkeuren (vier ogen).',
  'list-not-proposed': 'Deze lijst is al goedgekeurd.',
  'case-not-on-list': 'Deze casus staat niet op de lijst.',
}

/**
 * `/app/destruction`: the destruction lists (Archiefwet, API.md "Retention and destruction"). Admins propose a list of the
 * closed cases whose retention period has passed and exclude cases with a reason; an admin or auditor other than the author
 * approves it; the declaration of destruction downloads as CSV. A list being destroyed shows its progress as it goes.
 */
export function Destruction() {
  const { api, session } = useSignedIn()
  const { search } = useLocation()
  const selected = search.get('list')
  const [round, setRound] = useState(0)
  const lists = useApiData(`destruction-lists#${round}`, api => api.GET('/destruction-lists', { params: { query: { pageSize: 50 } } }))
  const { send, busy, problem } = useCommand()
  const admin = mayAdminister(session)

  const propose = async () => {
    const { data } = await send(() => api.POST('/destruction-lists'))
    if (data && 'id' in data) navigate(`${base}destruction?list=${data.id}`)
    setRound(r => r + 1)
  }

  return (
    <>
      <PageTitle>Vernietiging</PageTitle>
      <Paragraph>
        Gesloten casussen worden vernietigd als hun bewaartermijn verstreken is. Een beheerder stelt een lijst voor, een tweede persoon
        keurt hem goed; daarna worden de casussen op de achtergrond vernietigd. De verklaring van vernietiging blijft bewaard.
      </Paragraph>
      {admin && (
        <Button type="button" onClick={propose} disabled={busy} data-action="propose">
          Stel een vernietigingslijst voor
        </Button>
      )}
      {!selected && <Refusal problem={problem} />}
      <Status loading={lists.loading && !lists.data} failure={lists.failure} />
      {lists.data && (
        <div className="table-scroll">
          <Table data-figure="destruction-lists">
            <Table.Caption>Vernietigingslijsten, nieuwste eerst</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Voorgesteld</Table.HeaderCell>
                <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                <Table.HeaderCell scope="col">Opgesteld door</Table.HeaderCell>
                <Table.HeaderCell scope="col">Goedgekeurd door</Table.HeaderCell>
                <Table.HeaderCell scope="col">Vernietigd</Table.HeaderCell>
                <Table.HeaderCell scope="col">Nog te doen</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(lists.data.items ?? []).map(list => (
                <Table.Row key={list.id} data-list={list.id}>
                  <Table.Cell>
                    <Link href={`${base}destruction?list=${list.id}`} aria-current={list.id === selected ? 'page' : undefined}>
                      {formatDateTime(list.proposedAt)}
                    </Link>
                  </Table.Cell>
                  <Table.Cell data-status={list.status}>{label(listStatusLabels, list.status)}</Table.Cell>
                  <Table.Cell>{list.author}</Table.Cell>
                  <Table.Cell>{list.approver ?? '–'}</Table.Cell>
                  <Table.Cell>{list.destroyed}</Table.Cell>
                  <Table.Cell>{list.pending}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {selected && <DestructionList key={selected} listId={selected} onChanged={() => setRound(r => r + 1)} />}
    </>
  )
}

function DestructionList({ listId, onChanged }: { listId: string; onChanged: () => void }) {
  const { api, session } = useSignedIn()
  const [round, setRound] = useState(0)
  const { data, failure, loading } = useApiData(`destruction-list-${listId}#${round}`, api =>
    api.GET('/destruction-lists/{listId}', { params: { path: { listId } } }),
  )
  const { send, busy, problem, setProblem } = useCommand()
  const [downloadFailure, setDownloadFailure] = useState<string>()
  const admin = mayAdminister(session)

  // While the cases are destroyed in the background, the list shows how far it got; once done, the lists above say so too.
  const [followed, setFollowed] = useState(false)
  useEffect(() => {
    if (data?.status === 'destroyed' && followed) {
      setFollowed(false)
      onChanged()
    }
    if (data?.status !== 'destroying') return
    setFollowed(true)
    const timer = setTimeout(() => setRound(r => r + 1), 2000)
    return () => clearTimeout(timer)
  }, [data])

  const changed = () => {
    setRound(r => r + 1)
    onChanged()
  }
  const approve = async () => {
    if ((await send(() => api.POST('/destruction-lists/{listId}/approve', { params: { path: { listId } } }))).data) changed()
  }
  const exclude = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const caseId = String(form.get('caseId') ?? '')
    if (!caseId) return setProblem({ status: 400, errors: { caseId: ['is required'] } })
    const reason = String(form.get('reason') ?? '')
    const { data } = await send(() =>
      api.POST('/destruction-lists/{listId}/items/{caseId}/exclude', { params: { path: { listId, caseId } }, body: { reason } }),
    )
    if (data) {
      event.currentTarget?.reset()
      changed()
    }
  }
  const report = () =>
    download(`/destruction-lists/${listId}/report`, session.token, `verklaring-van-vernietiging-${listId}.csv`).then(
      () => setDownloadFailure(undefined),
      (error: Error) => setDownloadFailure(error.message),
    )

  if (!data) return <Status loading={loading} failure={failure} />
  const pending = (data.items ?? []).filter(item => item.status === 'proposed')
  return (
    <section aria-labelledby="destruction-list">
      <Heading level={2} id="destruction-list">
        Lijst van {formatDateTime(data.proposedAt)}: {label(listStatusLabels, data.status)}
      </Heading>
      <Paragraph>
        Opgesteld door {data.author}
        {data.approver ? `, goedgekeurd door ${data.approver} op ${formatDateTime(data.approvedAt)}` : ''}
        {data.destroyedAt ? `, afgerond op ${formatDateTime(data.destroyedAt)}` : ''}.
      </Paragraph>
      <Paragraph role="status" data-figure="progress">
        {data.destroyed} vernietigd, {data.pending} nog te doen
      </Paragraph>
      <Refusal problem={problem} />
      {downloadFailure && <Status loading={false} failure={downloadFailure} />}
      <div className="filters__actions">
        {data.status === 'proposed' && (
          <Button type="button" onClick={approve} disabled={busy} data-action="approve">
            Keur de lijst goed en vernietig
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={report} data-action="report">
          Download verklaring van vernietiging (CSV)
        </Button>
      </div>
      <div className="table-scroll">
        <Table data-figure="destruction-items">
          <Table.Caption>Casussen op de lijst</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Casus</Table.HeaderCell>
              <Table.HeaderCell scope="col">Domein</Table.HeaderCell>
              <Table.HeaderCell scope="col">Buurt</Table.HeaderCell>
              <Table.HeaderCell scope="col">Gesloten</Table.HeaderCell>
              <Table.HeaderCell scope="col">Resultaat</Table.HeaderCell>
              <Table.HeaderCell scope="col">Bewaartermijn tot</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
              <Table.HeaderCell scope="col">Reden of vernietigd op</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(data.items ?? []).map(item => (
              <Table.Row key={item.caseId} data-case={item.caseId}>
                <Table.Cell>
                  {item.status === 'destroyed' ? <code>{item.caseId}</code> : <Link href={`${base}cases/${item.caseId}`}>{item.caseId}</Link>}
                </Table.Cell>
                <Table.Cell>{label(domainLabels, item.domain)}</Table.Cell>
                <Table.Cell>{`${item.neighbourhood.name} (${item.neighbourhood.code})`}</Table.Cell>
                <Table.Cell>{formatDate(item.closedAt)}</Table.Cell>
                <Table.Cell>{label(outcomeLabels, item.outcome)}</Table.Cell>
                <Table.Cell>{formatDate(item.retentionEndedOn)}</Table.Cell>
                <Table.Cell data-status={item.status}>{label(itemStatusLabels, item.status)}</Table.Cell>
                <Table.Cell>{item.status === 'destroyed' ? formatDateTime(item.destroyedAt) : (item.reason ?? '–')}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {admin && data.status === 'proposed' && pending.length > 0 && (
        <form className="filters" onSubmit={exclude} aria-labelledby="exclude-heading">
          <Heading level={3} id="exclude-heading">
            Casus uitzonderen
          </Heading>
          <Field invalid={!!problem?.errors.caseId}>
            <Label htmlFor="exclude-case">Casus</Label>
            <FieldError id="exclude-case-error" messages={problem?.errors.caseId} />
            <Select id="exclude-case" name="caseId" defaultValue="" aria-describedby={problem?.errors.caseId ? 'exclude-case-error' : undefined}>
              <Select.Option value="">Kies een casus</Select.Option>
              {pending.map(item => (
                <Select.Option key={item.caseId} value={item.caseId}>
                  {`${item.caseId} (${label(domainLabels, item.domain)}, ${item.neighbourhood.name})`}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Field invalid={!!problem?.errors.reason}>
            <Label htmlFor="exclude-reason">Reden om te bewaren</Label>
            <FieldError id="exclude-reason-error" messages={problem?.errors.reason} />
            <TextArea id="exclude-reason" name="reason" rows={2} aria-describedby={problem?.errors.reason ? 'exclude-reason-error' : undefined} />
          </Field>
          <div className="filters__actions">
            <Button type="submit" variant="secondary" disabled={busy} data-action="exclude">
              Uitzonderen
            </Button>
          </div>
        </form>
      )}
    </section>
  )
}

/** A refused request as the page's alert; validation errors show at their fields. */
function Refusal({ problem }: { problem: { status: number; code?: string; detail?: string; errors: Record<string, string[]> } | undefined }) {
  if (!problem || Object.keys(problem.errors).length > 0) return null
  return (
    <Alert heading="Niet gelukt" headingLevel={2} severity="error">
      <Paragraph>{(problem.code && refusals[problem.code]) ?? problem.detail ?? 'De API is niet bereikbaar.'}</Paragraph>
    </Alert>
  )
}
