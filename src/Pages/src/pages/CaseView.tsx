import { Button, Heading, Paragraph } from '@amsterdam/design-system-react'
import { useState } from 'react'
import { download } from '../api/client'
import { useApiData } from '../api/useApiData'
import { mayAudit } from '../auth/roles'
import { useSignedIn } from '../auth/SessionContext'
import { CaseState } from '../cases/CaseState'
import { ProcessingLog } from '../cases/ProcessingLog'
import { Timeline } from '../cases/Timeline'
import { VerifyBadge } from '../cases/VerifyBadge'
import { VersionSlider } from '../cases/VersionSlider'
import { PageTitle } from '../PageTitle'
import { Status } from '../Status'

/**
 * `/app/cases/{id}`: the case now; for auditors also its history, the state at each version, the verify badge, the audit export
 * and who processed whose personal data (Verwerkingen).
 */
export function CaseView({ caseId }: { caseId: string }) {
  const { session } = useSignedIn()
  const { data, failure, loading } = useApiData(`case/${caseId}`, api =>
    api.GET('/cases/{caseId}', { params: { path: { caseId } } }),
  )
  return (
    <>
      <PageTitle>{data?.title ? `Casus: ${data.title}` : 'Casus'}</PageTitle>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <>
          <CaseState details={data} headingLevel={2} />
          {mayAudit(session) && <Audit caseId={caseId} latest={data.version} />}
          {mayAudit(session) && <ProcessingLog caseId={caseId} participants={data.participants ?? []} />}
        </>
      )}
    </>
  )
}

function Audit({ caseId, latest }: { caseId: string; latest: number }) {
  const { session } = useSignedIn()
  const [version, setVersion] = useState(latest)
  const [exportFailure, setExportFailure] = useState<string>()
  const history = useApiData(`history/${caseId}/${latest}`, api =>
    api.GET('/cases/{caseId}/history', { params: { path: { caseId } } }),
  )

  const exportAuditLog = () =>
    download(`/audit/export?caseId=${encodeURIComponent(caseId)}`, session.token, `audit-${caseId}.ndjson`).then(
      () => setExportFailure(undefined),
      (error: Error) => setExportFailure(error.message),
    )

  const showVersion = (chosen: number) => {
    setVersion(chosen)
    const slider = document.getElementById('version')
    slider?.scrollIntoView({ block: 'center' })
    slider?.focus()
  }

  return (
    <section className="audit" aria-labelledby="audit-heading">
      <Heading level={2} id="audit-heading">
        Auditspoor
      </Heading>
      <div className="audit__actions">
        <VerifyBadge caseId={caseId} version={latest} />
        <Button variant="secondary" onClick={exportAuditLog}>
          Exporteer auditlog (NDJSON)
        </Button>
      </div>
      {exportFailure && <Paragraph role="alert">{exportFailure}</Paragraph>}
      <VersionSlider caseId={caseId} latest={latest} version={Math.min(version, latest)} onChange={setVersion} />
      <Status loading={history.loading && !history.data} failure={history.failure} />
      {history.data && <Timeline events={history.data} onShowVersion={showVersion} />}
    </section>
  )
}
