import { Paragraph } from '@amsterdam/design-system-react'
import { mayReadWorklist, mayReviewDestruction, mayTrackProgress, mayWriteNetworks } from './auth/roles'
import { useSignedIn } from './auth/SessionContext'
import { CaseList } from './pages/CaseList'
import { CaseView } from './pages/CaseView'
import { Dashboard } from './pages/Dashboard'
import { Destruction } from './pages/Destruction'
import { EditNetwork } from './pages/EditNetwork'
import { Insights } from './pages/Insights'
import { Networks } from './pages/Networks'
import { NetworkView } from './pages/NetworkView'
import { RegisterNetwork } from './pages/RegisterNetwork'
import { Worklist } from './pages/Worklist'
import { PageTitle } from './PageTitle'
import { base } from './routing'

const id = '([0-9a-f-]{36})'
const casePath = new RegExp(`^${base}cases/${id}/$`, 'i')
const networkPath = new RegExp(`^${base}networks/${id}/$`, 'i')
const editNetworkPath = new RegExp(`^${base}networks/${id}/edit/$`, 'i')

/** The pages; a page the user's roles do not allow says so rather than asking the API for a 403. */
export function Routes({ pathname }: { pathname: string }) {
  const { session } = useSignedIn()
  const path = pathname.replace(/\/+$/, '') + '/'
  if (path === base) return mayTrackProgress(session) ? <Dashboard /> : <NotAllowed>Deze pagina is voor programmamanagers en auditors.</NotAllowed>
  if (path === `${base}insights/`) return mayTrackProgress(session) ? <Insights /> : <NotAllowed>Deze pagina is voor programmamanagers en auditors.</NotAllowed>
  if (path === `${base}cases/`) return <CaseList />
  if (path === `${base}networks/`) return <Networks />
  if (path === `${base}worklist/`)
    return mayReadWorklist(session) ? <Worklist /> : <NotAllowed>De werkvoorraad is voor professionals en programmamanagers.</NotAllowed>
  if (path === `${base}destruction/`)
    return mayReviewDestruction(session) ? <Destruction /> : <NotAllowed>De vernietigingslijsten zijn voor beheerders en auditors.</NotAllowed>
  if (path === `${base}networks/new/`) return mayWriteNetworks(session) ? <RegisterNetwork /> : <NotAllowedToWriteNetworks />
  const caseId = casePath.exec(path)?.[1]
  if (caseId) return <CaseView key={caseId} caseId={caseId} />
  const networkId = networkPath.exec(path)?.[1]
  if (networkId) return <NetworkView key={networkId} networkId={networkId} />
  const editedId = editNetworkPath.exec(path)?.[1]
  if (editedId) return mayWriteNetworks(session) ? <EditNetwork key={editedId} networkId={editedId} /> : <NotAllowedToWriteNetworks />
  return (
    <>
      <PageTitle>Pagina niet gevonden</PageTitle>
      <Paragraph>Deze pagina bestaat niet. Kies een pagina in het menu.</Paragraph>
    </>
  )
}

function NotAllowed({ children }: { children: string }) {
  return (
    <>
      <PageTitle>Geen toegang</PageTitle>
      <Paragraph>{children} Bekijk de casussen of de netwerken via het menu.</Paragraph>
    </>
  )
}

const NotAllowedToWriteNetworks = () => <NotAllowed>Netwerken registreren en bewerken doen professionals, programmamanagers en beheerders.</NotAllowed>
