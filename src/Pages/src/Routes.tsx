import { Paragraph } from '@amsterdam/design-system-react'
import { mayTrackProgress } from './auth/roles'
import { useSignedIn } from './auth/SessionContext'
import { CaseList } from './pages/CaseList'
import { CaseView } from './pages/CaseView'
import { Dashboard } from './pages/Dashboard'
import { Networks } from './pages/Networks'
import { PageTitle } from './PageTitle'
import { base } from './routing'

const casePath = new RegExp(`^${base}cases/([0-9a-f-]{36})$`, 'i')

/** The four pages; a page the user's roles do not allow says so rather than asking the API for a 403. */
export function Routes({ pathname }: { pathname: string }) {
  const { session } = useSignedIn()
  const path = pathname.replace(/\/+$/, '') + '/'
  if (path === base) return mayTrackProgress(session) ? <Dashboard /> : <NotAllowed />
  if (path === `${base}cases/`) return <CaseList />
  if (path === `${base}networks/`) return mayTrackProgress(session) ? <Networks /> : <NotAllowed />
  const caseId = casePath.exec(pathname.replace(/\/+$/, ''))?.[1]
  if (caseId) return <CaseView key={caseId} caseId={caseId} />
  return (
    <>
      <PageTitle>Pagina niet gevonden</PageTitle>
      <Paragraph>Deze pagina bestaat niet. Kies een pagina in het menu.</Paragraph>
    </>
  )
}

function NotAllowed() {
  return (
    <>
      <PageTitle>Geen toegang</PageTitle>
      <Paragraph>Deze pagina is voor programmamanagers en auditors. Bekijk de casussen via het menu.</Paragraph>
    </>
  )
}
