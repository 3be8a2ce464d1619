import { DescriptionList, Heading, Table } from '@amsterdam/design-system-react'
import type { components } from '../api/schema'
import {
  contactKindLabels,
  domainLabels,
  followUpKindLabels,
  formatDate,
  formatDateTime,
  label,
  outcomeLabels,
  phaseLabels,
  punctualityLabels,
  roleLabels,
  statusLabels,
  strengthCategoryLabels,
} from '../labels'
import { Term } from '../Term'

export type CaseDetails = components['schemas']['CaseDetails']

/**
 * A case's state, as `GET /api/cases/{id}` answers it now or `/state?version=N` answered it then. Contact details are
 * left out: the pages are for tracking and auditing the work, not for reaching people.
 */
export function CaseState({ details, headingLevel }: { details: CaseDetails; headingLevel: 2 | 3 }) {
  const sub = (headingLevel + 1) as 3 | 4
  const names = new Map((details.participants ?? []).map(p => [p.participantId, p.displayName ?? '–']))
  const who = (ids: string[] | null | undefined) => (ids ?? []).map(id => names.get(id) ?? id).join(', ') || '–'
  return (
    <div className="case-state" data-version={details.version}>
      <DescriptionList termsWidth="medium">
        <Term name="Titel">{details.title}</Term>
        <Term name="Domein">{label(domainLabels, details.domain)}</Term>
        <Term name="Buurt">{details.neighbourhood ? `${details.neighbourhood.name} (${details.neighbourhood.code}), ${details.neighbourhood.district}` : '–'}</Term>
        <Term name="Fase">
          <span data-field="phase">{label(phaseLabels, details.phase)}</span>
        </Term>
        <Term name="Status">
          <span data-field="status">{label(statusLabels, details.status)}</span>
        </Term>
        {details.outcome && <Term name="Uitkomst">{`${label(outcomeLabels, details.outcome)}${details.outcomeSummary ? `: ${details.outcomeSummary}` : ''}`}</Term>}
        <Term name="Doel">{details.goal ?? '–'}</Term>
        <Term name="Beschrijving">{details.description ?? '–'}</Term>
        <Term name="Eigenaar">{details.owner ?? '–'}</Term>
        <Term name="Geopend">{`${formatDateTime(details.openedAt)} door ${details.openedBy ?? '–'}`}</Term>
        <Term name="Laatste activiteit">{formatDateTime(details.lastActivityAt)}</Term>
        {details.suspended && (
          <Term name="Opgeschort">
            <span data-field="suspended">{`Sinds ${formatDate(details.suspended.since)}${details.suspended.until ? ` tot ${formatDate(details.suspended.until)}` : ''}: ${details.suspended.reason}`}</span>
          </Term>
        )}
        <Term name="Versie">
          <span data-field="version">{details.version}</span>
        </Term>
      </DescriptionList>

      <Part
        title="Deelnemers" level={sub} count={details.participants?.length}
        headers={['Naam', 'Rol', 'Doet mee']}
        rows={(details.participants ?? []).map(p => [p.displayName ?? '–', label(roleLabels, p.role), p.active ? 'Ja' : `Nee${p.leftReason ? `: ${p.leftReason}` : ''}`])}
      />
      <Part
        title="Contactmomenten" level={sub} count={details.contacts?.length}
        headers={['Datum', 'Soort', 'Met', 'Samenvatting']}
        rows={(details.contacts ?? []).map(c => [formatDate(c.occurredAt), label(contactKindLabels, c.kind), who(c.participantIds), c.summary ?? '–'])}
      />
      <Part
        title="Krachten" level={sub} count={details.strengths?.length}
        headers={['Categorie', 'Van', 'Beschrijving']}
        rows={(details.strengths ?? []).map(s => [label(strengthCategoryLabels, s.category), s.participantId ? who([s.participantId]) : '–', s.description ?? '–'])}
      />
      <Part
        title="Verbindingen met netwerken" level={sub} count={details.connections?.length}
        headers={['Netwerk', 'Deelnemers', 'Doel']}
        rows={(details.connections ?? []).map(c => [c.network?.name ?? '–', who(c.participantIds), c.purpose ?? '–'])}
      />
      <Part
        title="Afspraken" level={sub} count={details.agreements?.length}
        headers={['Partijen', 'Geeft', 'Krijgt', 'Status']}
        rows={(details.agreements ?? []).map(a => [who(a.parties), a.gives ?? '–', a.receives ?? '–', agreementStatus(a.status)])}
      />
      <Part
        title="Termijnen" level={sub} count={details.followUp?.length}
        headers={['Soort', 'Over', 'Uiterlijk', 'Stand']}
        rows={(details.followUp ?? []).map(f => [
          label(followUpKindLabels, f.kind),
          f.kind === 'agreement' ? agreementAbout(details, f.ref) : f.ref ? who([f.ref]) : '–',
          formatDateTime(f.dueAt),
          label(punctualityLabels, f.status),
        ])}
      />
    </div>
  )
}

/** What an agreement a deadline is about gives, as the case's list of agreements shows it. */
const agreementAbout = (details: CaseDetails, id: string | null | undefined) => details.agreements?.find(a => a.agreementId === id)?.gives ?? '–'

const agreementStatus = (status: string | undefined) =>
  ({ open: 'Lopend', fulfilled: 'Nagekomen', broken: 'Verbroken' })[status ?? ''] ?? status ?? '–'

/** A titled table of one of the case's lists. */
function Part({ title, level, count = 0, headers, rows }: { title: string; level: 3 | 4; count?: number; headers: string[]; rows: string[][] }) {
  return (
    <section className="case-part">
      <Heading level={level} size="level-4">
        {title} ({count})
      </Heading>
      {rows.length > 0 && (
        <div className="table-scroll">
          <Table>
            <Table.Header>
              <Table.Row>
                {headers.map(h => (
                  <Table.HeaderCell key={h} scope="col">
                    {h}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((row, r) => (
                <Table.Row key={r}>
                  {row.map((cell, c) => (
                    <Table.Cell key={c}>{cell}</Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  )
}
