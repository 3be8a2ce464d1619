/**
 * A refused command as the API answers it (RFC 9457): `errors` per field on a 400, a stable `code` on a 409 (with the
 * `id` of the network meant: the existing one, or the one merged into). Status 0: the API could not be reached.
 */
export type Problem = { status: number; detail?: string; code?: string; id?: string; errors: Record<string, string[]> }

export function problemOf(status: number, body: unknown): Problem {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const errors = fields.errors && typeof fields.errors === 'object' ? (fields.errors as Record<string, string[]>) : {}
  return { status, detail: text(fields.detail), code: text(fields.code), id: text(fields.id), errors }
}

// The API's validation messages (src/Domain/Cases/CommandValidation.cs) in the pages' language; one it adds later shows
// as it came, marked as English for screen readers.
const fieldMessages: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^is required( and may not be empty)?$/, () => 'is verplicht'],
  [/^may be at most (\d+) characters$/, match => `mag hoogstens ${match[1]} tekens lang zijn`],
  [/^needs between 1 and (\d+) neighbourhoods$/, match => `kies 1 tot ${match[1]} buurten`],
  [/^needs at least one neighbourhood$/, () => 'kies ten minste één buurt'],
  [/^contains control characters or broken unicode$/, () => 'bevat tekens die niet zijn toegestaan'],
  [/^has an unknown value$/, () => 'heeft een onbekende waarde'],
]

export function fieldMessage(message: string): { text: string; lang?: 'en' } {
  for (const [pattern, dutch] of fieldMessages) {
    const match = pattern.exec(message)
    if (match) return { text: dutch(match) }
  }
  return { text: message, lang: 'en' }
}
