import { Badge } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'

/** `GET /api/cases/{id}/verify` as a badge: the stored history is as written, or changed from a version on. */
export function VerifyBadge({ caseId, version }: { caseId: string; version: number }) {
  const { data, failure } = useApiData(`verify/${caseId}/${version}`, api =>
    api.GET('/cases/{caseId}/verify', { params: { path: { caseId } } }),
  )
  if (failure) return <span className="verify">Controle niet gelukt: {failure}</span>
  if (!data) return <span className="verify">Geschiedenis wordt gecontroleerd…</span>
  return (
    <span className="verify" data-verify={data.intact ? 'intact' : 'broken'} data-broken-version={data.firstBrokenVersion ?? undefined}>
      <span className="ams-visually-hidden">Controle van de geschiedenis: </span>
      {data.intact ? (
        <Badge color="lime" label="Geschiedenis intact" />
      ) : (
        <Badge color="red" label={`Gewijzigd bij versie ${data.firstBrokenVersion}`} />
      )}
    </span>
  )
}
