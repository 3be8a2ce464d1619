import { Alert, Paragraph } from '@amsterdam/design-system-react'

/** What a page shows while it waits for the API, or when the API refused. */
export function Status({ loading, failure }: { loading: boolean; failure: string | undefined }) {
  if (failure)
    return (
      <Alert heading="Niet gelukt" headingLevel={2} severity="error">
        <Paragraph>{failure}</Paragraph>
      </Alert>
    )
  return loading ? (
    <Paragraph role="status" aria-live="polite">
      Bezig met laden…
    </Paragraph>
  ) : null
}
