import { Alert, Button, Field, FieldSet, Label, Paragraph, Radio, TextInput } from '@amsterdam/design-system-react'
import { type FormEvent, useState } from 'react'
import type { PagesConfig } from '../config'
import { roleLabels } from '../labels'
import { PageTitle } from '../PageTitle'
import { storeToken } from './session'

const roles = ['manager', 'auditor', 'admin', 'caseworker']

/** Without a token a page shows only this: the Development form (`POST /dev/tokens`), or the municipality's provider. */
export function SignIn({ config, onSignedIn }: { config: PagesConfig; onSignedIn: () => void }) {
  return (
    <>
      <PageTitle>Inloggen</PageTitle>
      {config.signIn === 'development' && <DevelopmentSignIn onSignedIn={onSignedIn} />}
      {config.signIn === 'oidc' && <ProviderSignIn config={config} />}
      {config.signIn === 'none' && (
        <Alert heading="Inloggen is niet ingericht" headingLevel={2} severity="warning">
          <Paragraph>De beheerder stelt Pages:ClientId en de identity provider van de gemeente in (README, Pages).</Paragraph>
        </Alert>
      )}
    </>
  )
}

function ProviderSignIn({ config }: { config: PagesConfig }) {
  const [failure, setFailure] = useState<string>()
  const signIn = () =>
    import('./oidc')
      .then(oidc => oidc.signInWithProvider(config, location.pathname + location.search))
      .catch(() => setFailure('De inlogdienst van de gemeente is niet bereikbaar.'))
  return (
    <>
      <Paragraph>U logt in bij de inlogdienst van uw gemeente.</Paragraph>
      <Button onClick={signIn}>Inloggen</Button>
      {failure && <Paragraph role="alert">{failure}</Paragraph>}
    </>
  )
}

function DevelopmentSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [failure, setFailure] = useState<string>()
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const response = await fetch('/dev/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: form.get('name'), tenant: form.get('tenant'), roles: [form.get('role')] }),
    }).catch(() => null)
    if (!response?.ok) {
      setFailure(response ? 'Vul een naam en een gemeente in.' : 'De API is niet bereikbaar.')
      return
    }
    storeToken(((await response.json()) as { token: string }).token)
    onSignedIn()
  }
  return (
    <form className="sign-in" onSubmit={submit}>
      <Paragraph>Ontwikkelomgeving: u krijgt een token van de API zelf (POST /dev/tokens).</Paragraph>
      <Field>
        <Label htmlFor="sign-in-name">Naam</Label>
        <TextInput id="sign-in-name" name="name" autoComplete="username" required />
      </Field>
      <Field>
        <Label htmlFor="sign-in-tenant">Gemeente</Label>
        <TextInput id="sign-in-tenant" name="tenant" defaultValue="amsterdam" required />
      </Field>
      <FieldSet legend="Rol">
        {roles.map((role, i) => (
          <Radio key={role} name="role" value={role} defaultChecked={i === 0}>
            {roleLabels[role]}
          </Radio>
        ))}
      </FieldSet>
      {failure && <Paragraph role="alert">{failure}</Paragraph>}
      <Button type="submit">Inloggen</Button>
    </form>
  )
}
