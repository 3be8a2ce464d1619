import { Page, PageHeader, Paragraph, SkipLink } from '@amsterdam/design-system-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { createApiClient } from './api/client'
import { mayReadWorklist, mayReviewDestruction, mayTrackProgress } from './auth/roles'
import { currentSession, forgetToken, type Session, storeToken } from './auth/session'
import { SessionContext } from './auth/SessionContext'
import { SignIn } from './auth/SignIn'
import { loadConfig, type PagesConfig } from './config'
import { roleLabels } from './labels'
import { useLook } from './Look'
import { Routes } from './Routes'
import { base, callbackPath, navigate, useLocation } from './routing'
import { Status } from './Status'

export function App() {
  const [config, setConfig] = useState<PagesConfig>()
  const [configFailure, setConfigFailure] = useState<string>()
  const [session, setSession] = useState<Session | null>(null)
  const { pathname } = useLocation()

  useEffect(() => {
    loadConfig().then(
      loaded => {
        setConfig(loaded)
        setSession(currentSession(loaded))
      },
      () => setConfigFailure('De pagina kon haar instellingen niet laden.'),
    )
  }, [])

  const signOut = useCallback(() => {
    forgetToken()
    setSession(null)
  }, [])
  const signedIn = useMemo(() => (session ? { session, api: createApiClient(session.token, signOut), signOut } : null), [session, signOut])
  const look = useLook(config, session?.tenant ?? null)

  return (
    <>
      <SkipLink href="#main">Direct naar de inhoud</SkipLink>
      <Page>
        <PageHeader
          brandName={look.brandName}
          logoBrand={look.logo}
          logoLink={base}
          logoLinkTitle="Naar het dashboard"
          menuButtonText="Menu"
          noMenuButtonOnWideWindow
          menuItems={signedIn && <Menu session={signedIn.session} municipality={look.municipality} onSignOut={signOut} />}
        />
        <main id="main" className="main">
          {!config ? (
            <Status loading={!configFailure} failure={configFailure} />
          ) : pathname === callbackPath && config.signIn === 'oidc' ? (
            <ProviderCallback config={config} onSignedIn={() => setSession(currentSession(config))} />
          ) : signedIn ? (
            <SessionContext.Provider value={signedIn}>
              <Routes pathname={pathname} />
            </SessionContext.Provider>
          ) : (
            <SignIn config={config} onSignedIn={() => setSession(currentSession(config))} />
          )}
        </main>
      </Page>
    </>
  )
}

function Menu({ session, municipality, onSignOut }: { session: Session; municipality: string | null; onSignOut: () => void }) {
  return (
    <>
      {mayTrackProgress(session) && <PageHeader.MenuLink href={base}>Dashboard</PageHeader.MenuLink>}
      {mayTrackProgress(session) && <PageHeader.MenuLink href={`${base}insights`}>Eigen Kracht in Beeld</PageHeader.MenuLink>}
      <PageHeader.MenuLink href={`${base}cases`}>Casussen</PageHeader.MenuLink>
      {mayReadWorklist(session) && <PageHeader.MenuLink href={`${base}worklist`}>Werkvoorraad</PageHeader.MenuLink>}
      <PageHeader.MenuLink href={`${base}networks`}>Netwerken</PageHeader.MenuLink>
      {mayReviewDestruction(session) && <PageHeader.MenuLink href={`${base}destruction`}>Vernietiging</PageHeader.MenuLink>}
      <li className="signed-in">
        <span>
          {session.user} ({session.roles.map(role => roleLabels[role] ?? role).join(', ')}, {municipality})
        </span>
        <button type="button" className="ams-link sign-out" onClick={onSignOut}>
          Uitloggen
        </button>
      </li>
    </>
  )
}

/** Where the municipality's provider sends the browser back with a code; the token replaces it and the page goes on. */
function ProviderCallback({ config, onSignedIn }: { config: PagesConfig; onSignedIn: () => void }) {
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    import('./auth/oidc')
      .then(oidc => oidc.completeSignIn(config))
      .then(({ token, returnTo }) => {
        storeToken(token)
        onSignedIn()
        navigate(returnTo, true)
      })
      .catch(() => setFailure('Inloggen bij de gemeente is niet gelukt.'))
  }, [config, onSignedIn])
  return failure ? <Status loading={false} failure={failure} /> : <Paragraph role="status">Bezig met inloggen…</Paragraph>
}
