import { Heading, Paragraph, Table } from '@amsterdam/design-system-react'
import type { components } from '../api/schema'
import { useApiData } from '../api/useApiData'
import { formatDateTime } from '../labels'
import { Status } from '../Status'

type ParticipantDetails = components['schemas']['ParticipantDetails']

const pageSize = 100

/** Dutch names of the operations that process personal data; an operation not listed shows its OperationId. */
const operationLabels: Record<string, string> = {
  GetCase: 'Casus bekeken',
  GetCaseHistory: 'Geschiedenis bekeken',
  GetCaseStateAt: 'Eerdere toestand bekeken',
  GetAuditLog: 'Auditlog bekeken',
  ExportAuditLog: 'Auditlog geëxporteerd',
  GetParticipantData: 'Inzageverzoek',
  AddParticipant: 'Deelnemer toegevoegd',
  RemoveParticipant: 'Deelnemer vertrokken',
  EraseParticipant: 'Gegevens gewist',
  RecordContact: 'Contactmoment vastgelegd',
  RecordStrength: 'Kracht vastgelegd',
  ConnectNetwork: 'Netwerk verbonden',
  MakeAgreement: 'Afspraak gemaakt',
  FulfilAgreement: 'Afspraak nagekomen',
  BreakAgreement: 'Afspraak verbroken',
  RecordMeasurement: 'Meting vastgelegd',
}

/**
 * "Verwerkingen" (auditors): who processed whose personal data in this case and when, newest first, from the processing log.
 * A participant shows by the name the case page already shows this auditor, else (erased, or not in the case's answer) by id.
 */
export function ProcessingLog({ caseId, participants }: { caseId: string; participants: ParticipantDetails[] }) {
  const log = useApiData(`processing-log/${caseId}`, api =>
    api.GET('/processing-log', { params: { query: { caseId, pageSize } } }),
  )
  const names = new Map(participants.filter(p => p.displayName && !p.erasedAt).map(p => [p.participantId, p.displayName as string]))
  const items = log.data?.items ?? []
  return (
    <section className="processing-log" aria-labelledby="processing-log-heading">
      <Heading level={2} id="processing-log-heading">
        Verwerkingen
      </Heading>
      <Status loading={log.loading && !log.data} failure={log.failure} />
      {log.data && (
        <>
          <Paragraph>
            {log.data.total > items.length
              ? `De nieuwste ${items.length} van ${log.data.total} verwerkingen van persoonsgegevens in deze casus.`
              : `${log.data.total} verwerkingen van persoonsgegevens in deze casus.`}
          </Paragraph>
          <Table data-figure="processing-log">
            <Table.Caption className="ams-visually-hidden">Wie verwerkte wiens gegevens wanneer, nieuwste eerst</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Tijd</Table.HeaderCell>
                <Table.HeaderCell scope="col">Gebruiker</Table.HeaderCell>
                <Table.HeaderCell scope="col">Handeling</Table.HeaderCell>
                <Table.HeaderCell scope="col">Betrokkene</Table.HeaderCell>
                <Table.HeaderCell scope="col">Uitkomst</Table.HeaderCell>
                <Table.HeaderCell scope="col">Verwerkingsactiviteit</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {items.map(record => (
                <Table.Row key={`${record.spanId}-${record.dataSubjectId}`} data-subject={record.dataSubjectId}>
                  <Table.Cell>
                    <time dateTime={record.startTime}>{formatDateTime(record.startTime)}</time>
                  </Table.Cell>
                  <Table.Cell>{record.user ?? '–'}</Table.Cell>
                  <Table.Cell>
                    {operationLabels[record.name ?? ''] ?? record.name} <code>{record.name}</code>
                  </Table.Cell>
                  <Table.Cell data-field="subject">{names.get(record.dataSubjectId) ?? <code>{record.dataSubjectId}</code>}</Table.Cell>
                  <Table.Cell>{record.status === 'ok' ? 'Gelukt' : 'Mislukt'}</Table.Cell>
                  <Table.Cell>
                    <code>{record.processingActivityId}</code>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </section>
  )
}
