import { Button, Field, Label, Link, Pagination, Paragraph, Select, Table, TextInput } from '@amsterdam/design-system-react'
import { type FormEvent, useState } from 'react'
import { download } from '../api/client'
import { useApiData } from '../api/useApiData'
import { mayTrackProgress } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { domainLabels, formatDateTime, label, phaseLabels, statusLabels } from '../labels'
import { PageTitle } from '../PageTitle'
import { base, navigate, useLocation } from '../routing'
import { Status } from '../Status'

// The list's query parameters of API.md; the page's own address carries them, so a filtered list can be bookmarked.
const filterNames = ['domain', 'phase', 'status', 'neighbourhood', 'owner', 'q', 'sort'] as const
type FilterName = (typeof filterNames)[number]

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
  const { search } = useLocation()
  const filters = new URLSearchParams()
  for (const name of filterNames) {
    const value = search.get(name)
    if (value) filters.set(name, value)
  }
  const page = Math.max(1, Number(search.get('page')) || 1)
  const query = Object.fromEntries(filters) as Partial<Record<FilterName, string>>
  const { data, failure, loading } = useApiData(`cases?${filters}&page=${page}`, api =>
    api.GET('/cases', { params: { query: { ...query, page, pageSize } } }),
  )
  const [downloadFailure, setDownloadFailure] = useState<string>()

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const chosen = new URLSearchParams()
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === 'string' && value.trim()) chosen.set(name, value.trim())
    navigate(`${base}cases${chosen.size ? `?${chosen}` : ''}`)
  }

  const downloadCsv = () =>
    download(`/cases/export.csv${filters.size ? `?${filters}` : ''}`, session.token, 'casussen.csv').then(
      () => setDownloadFailure(undefined),
      (error: Error) => setDownloadFailure(error.message),
    )

  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1
  const pageLink = (n: number) => {
    const params = new URLSearchParams(filters)
    if (n > 1) params.set('page', String(n))
    return `${base}cases${params.size ? `?${params}` : ''}`
  }

  return (
    <>
      <PageTitle>Casussen</PageTitle>
      {/* The key resets the form's fields when the address changes (back button, a link with other filters). */}
      <form className="filters" onSubmit={apply} key={filters.toString()} aria-label="Filters">
        <Choice name="domain" label="Domein" value={query.domain} options={domainLabels} />
        <Choice name="phase" label="Fase" value={query.phase} options={phaseLabels} />
        <Choice name="status" label="Status" value={query.status} options={statusLabels} />
        <Text name="neighbourhood" label="Buurtcode" value={query.neighbourhood} hint="bijvoorbeeld F76" />
        <Text name="owner" label="Eigenaar" value={query.owner} />
        <Text name="q" label="Zoeken" value={query.q} />
        <Field>
          <Label htmlFor="filter-sort">Sorteren</Label>
          <Select id="filter-sort" name="sort" defaultValue={query.sort ?? '-lastActivityAt'}>
            {Object.entries(sortLabels).map(([value, text]) => (
              <Select.Option key={value} value={value}>
                {text}
              </Select.Option>
            ))}
          </Select>
        </Field>
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
          {totalPages > 1 && (
            <Pagination
              page={page}
              totalPages={totalPages}
              linkTemplate={pageLink}
              accessibleName="Paginering"
              previousLabel="Vorige"
              nextLabel="Volgende"
              previousAccessibleName="Vorige pagina"
              nextAccessibleName="Volgende pagina"
              pageAccessibleName="Pagina"
              currentPageAccessibleName="Pagina, huidige"
            />
          )}
        </>
      )}
    </>
  )
}

function Choice({ name, label: text, value, options }: { name: FilterName; label: string; value?: string; options: Record<string, string> }) {
  return (
    <Field>
      <Label htmlFor={`filter-${name}`}>{text}</Label>
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <Select.Option value="">Alle</Select.Option>
        {Object.entries(options).map(([option, optionText]) => (
          <Select.Option key={option} value={option}>
            {optionText}
          </Select.Option>
        ))}
      </Select>
    </Field>
  )
}

function Text({ name, label: text, value, hint }: { name: FilterName; label: string; value?: string; hint?: string }) {
  return (
    <Field>
      <Label htmlFor={`filter-${name}`}>
        {text}
        {hint && <span className="hint"> ({hint})</span>}
      </Label>
      <TextInput id={`filter-${name}`} name={name} defaultValue={value ?? ''} />
    </Field>
  )
}
