import { ErrorMessage } from '@amsterdam/design-system-react'
import { fieldMessage } from './api/problems'

/** A field's validation messages as the API words them (`errors` of a 400 problem), in the pages' language, under `id` for `aria-describedby`. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null
  return (
    <ErrorMessage id={id}>
      {messages.map(fieldMessage).map((m, i) => (
        <span key={i} lang={m.lang}>
          {i > 0 && '; '}
          {m.text}
        </span>
      ))}
    </ErrorMessage>
  )
}
