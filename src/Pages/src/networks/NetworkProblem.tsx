import { Alert, Link, Paragraph } from '@amsterdam/design-system-react'
import { useEffect, useRef } from 'react'
import { describeFailure } from '../api/client'
import type { Problem } from '../api/problems'
import { base } from '../routing'

/**
 * Why the API refused a network command, in the pages' language, with a link to the network meant when the problem
 * names one (the existing one of `network-exists`, the target of `network-merged`). Field errors are the form's to show.
 * It takes focus when it appears, so a keyboard or screen reader user hears it at once.
 */
export function NetworkProblem({ problem }: { problem: Problem | undefined }) {
  const alert = useRef<HTMLDivElement>(null)
  useEffect(() => alert.current?.focus(), [problem])
  if (!problem || Object.keys(problem.errors).length > 0) return null
  const { text, link } = explain(problem)
  return (
    <Alert ref={alert} tabIndex={-1} heading="Niet gelukt" headingLevel={2} severity="error" data-problem={problem.code ?? problem.status}>
      <Paragraph>{text}</Paragraph>
      {link && problem.id && (
        <Paragraph>
          <Link href={`${base}networks/${problem.id}`}>{link}</Link>
        </Paragraph>
      )}
      {problem.status === 400 && problem.detail && (
        <Paragraph size="small" lang="en">
          {problem.detail}
        </Paragraph>
      )}
    </Alert>
  )
}

function explain({ status, code }: Problem): { text: string; link?: string } {
  if (status === 0) return { text: 'De API is niet bereikbaar.' }
  if (status === 412) return { text: 'Iemand anders heeft het netwerk intussen gewijzigd. De pagina toont nu de nieuwe stand; bekijk die en probeer het opnieuw.' }
  if (status === 400) return { text: 'De API kon het verzoek niet lezen.' }
  switch (code) {
    case 'network-exists':
      return { text: 'Er is al een netwerk met deze naam en soort.', link: 'Bekijk het bestaande netwerk' }
    case 'network-merged':
      return { text: 'Dit netwerk is samengevoegd met een ander netwerk; wijzig dat netwerk.', link: 'Naar het netwerk waarmee het is samengevoegd' }
    case 'network-retired':
      return { text: 'Het netwerk waarmee u wilt samenvoegen is opgeheven. Maak het eerst weer actief.' }
    case 'network-unknown':
      return { text: 'Het netwerk waarmee u wilt samenvoegen bestaat niet.' }
    case 'merge-into-itself':
      return { text: 'Een netwerk kan niet met zichzelf worden samengevoegd.' }
    case 'concurrent-change':
      return { text: 'Iemand anders wijzigde het netwerk op hetzelfde moment. Probeer het opnieuw.' }
    default:
      return { text: describeFailure(status) }
  }
}
