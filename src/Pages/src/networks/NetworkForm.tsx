import { Button, Checkbox, Field, FieldSet, InvalidFormAlert, Label, Link, Select, TextArea, TextInput } from '@amsterdam/design-system-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { fieldMessage, type Problem } from '../api/problems'
import { FieldError } from '../FieldError'
import { formatNeighbourhood, type Neighbourhood, type NetworkKind, networkKindLabels } from '../labels'
import { useNetworkAreas } from './useNetworkAreas'

/** What the form sends: the fields of `POST /api/networks` and of `…/update`. */
export type NetworkFields = { name: string; kind: NetworkKind; activeIn: Neighbourhood[]; description: string; organisation: string }

type Props = {
  /** The network as it is now, when it is edited. */
  initial?: { name?: string | null; kind?: NetworkKind; activeIn?: Neighbourhood[] | null; description?: string | null; organisation?: string | null }
  submitLabel: string
  cancelHref: string
  busy: boolean
  /** The API's refusal of the last submit; its field errors are shown at their fields. */
  problem: Problem | undefined
  onSubmit: (fields: NetworkFields) => void
}

// The form's fields, by the ids errors link to; `added…` is the neighbourhood typed in, for one not yet on the map.
const fieldLabels = {
  name: 'Naam',
  kind: 'Soort',
  activeIn: 'Actief in',
  'added.code': 'Buurtcode',
  'added.name': 'Buurtnaam',
  'added.district': 'Stadsdeel',
  organisation: 'Organisatie',
  description: 'Beschrijving',
} as const
type FieldName = keyof typeof fieldLabels
/** Messages per field, worded as the API words them (`is required`), so the API's and the form's own read alike. */
type FieldErrors = Partial<Record<FieldName, string[]>>

const fieldId = (field: FieldName) => `network-${field.replace('.', '-')}`

/**
 * Registers or edits a network: name, kind, the neighbourhoods it is active in (those on the map to tick, or one typed
 * in), organisation and description. The API's field errors appear at their fields and, as links, in a summary above.
 */
export function NetworkForm({ initial, submitLabel, cancelHref, busy, problem, onSubmit }: Props) {
  const areas = useNetworkAreas()
  const known = new Map<string, Neighbourhood>()
  for (const n of [...(initial?.activeIn ?? []), ...areas.neighbourhoods]) if (n.code && !known.has(n.code.toLowerCase())) known.set(n.code.toLowerCase(), n)
  const districts = [...new Set([...known.values()].map(n => n.district ?? ''))].sort((a, b) => a.localeCompare(b, 'nl'))
  const chosen = new Set((initial?.activeIn ?? []).map(n => n.code?.toLowerCase()))

  // Set at each submit: where the typed-in neighbourhood stands in `activeIn`, to place the API's errors about it.
  const [addedAt, setAddedAt] = useState(-1)
  const [missing, setMissing] = useState<FieldErrors>()
  const [submits, setSubmits] = useState(0)
  const errors = missing ?? (problem ? fieldErrors(problem, addedAt) : {})

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (busy) return
    const form = new FormData(event.currentTarget)
    const text = (name: string) => String(form.get(name) ?? '').trim()
    // In the order the network has them, so an edit that leaves them as they are changes nothing.
    const tickedCodes = new Set(form.getAll('activeIn'))
    const ticked = [...known.entries()].filter(([code]) => tickedCodes.has(code)).map(([, n]) => n)
    const added = { code: text('addedCode'), name: text('addedName'), district: text('addedDistrict') }
    const activeIn = added.code || added.name || added.district ? [...ticked, added] : ticked
    setAddedAt(activeIn.length > ticked.length ? ticked.length : -1)
    setSubmits(n => n + 1)
    // The API answers a missing kind as an unreadable body rather than at the field, and takes an empty name on an update.
    const needed: FieldErrors = {}
    if (!text('name')) needed.name = ['is required']
    if (!text('kind')) needed.kind = ['is required']
    if (Object.keys(needed).length > 0) return setMissing(needed)
    setMissing(undefined)
    onSubmit({
      name: text('name'),
      kind: text('kind') as NetworkKind,
      activeIn,
      description: text('description'),
      organisation: text('organisation'),
    })
  }

  const summary = (Object.entries(errors) as [FieldName, string[]][]).flatMap(([field, messages]) =>
    messages.map(m => ({ id: `#${fieldId(field)}`, label: `${fieldLabels[field] ?? field}: ${fieldMessage(m).text}` })),
  )
  const error = (field: FieldName) => <FieldError id={`${fieldId(field)}-error`} messages={errors[field]} />
  const described = (field: FieldName) => (errors[field] ? `${fieldId(field)}-error` : undefined)

  return (
    <form className="network-form" onSubmit={submit} noValidate>
      <InvalidFormAlert key={submits} errors={summary} headingLevel={2} heading="Verbeter de fouten voor u verder gaat" />
      <Field invalid={!!errors.name}>
        <Label htmlFor={fieldId('name')}>{fieldLabels.name}</Label>
        {error('name')}
        <TextInput id={fieldId('name')} name="name" defaultValue={initial?.name ?? ''} invalid={!!errors.name} aria-describedby={described('name')} />
      </Field>
      <Field invalid={!!errors.kind}>
        <Label htmlFor={fieldId('kind')}>{fieldLabels.kind}</Label>
        {error('kind')}
        <Select id={fieldId('kind')} name="kind" defaultValue={initial?.kind ?? ''} invalid={!!errors.kind} aria-describedby={described('kind')}>
          <Select.Option value="">Kies een soort</Select.Option>
          {Object.entries(networkKindLabels).map(([kind, text]) => (
            <Select.Option key={kind} value={kind}>
              {text}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <FieldSet id={fieldId('activeIn')} legend={fieldLabels.activeIn} hint="een of meer buurten" invalid={!!errors.activeIn} aria-describedby={described('activeIn')}>
        {error('activeIn')}
        {districts.map(district => (
          <FieldSet key={district} legend={district || 'Zonder stadsdeel'} inFieldSet className="network-form__district">
            {[...known.values()]
              .filter(n => (n.district ?? '') === district)
              .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl'))
              .map(n => (
                <Checkbox key={n.code} name="activeIn" value={n.code?.toLowerCase()} defaultChecked={chosen.has(n.code?.toLowerCase())}>
                  {formatNeighbourhood(n)}
                </Checkbox>
              ))}
          </FieldSet>
        ))}
        <FieldSet legend="Een buurt die hier nog niet staat" inFieldSet optional className="network-form__added">
          <AddedField field="added.code" name="addedCode" error={error} described={described} invalid={!!errors['added.code']} />
          <AddedField field="added.name" name="addedName" error={error} described={described} invalid={!!errors['added.name']} />
          <AddedField field="added.district" name="addedDistrict" error={error} described={described} invalid={!!errors['added.district']} />
        </FieldSet>
      </FieldSet>
      <Field invalid={!!errors.organisation}>
        <Label htmlFor={fieldId('organisation')} optional>
          {fieldLabels.organisation}
        </Label>
        {error('organisation')}
        <TextInput
          id={fieldId('organisation')}
          name="organisation"
          defaultValue={initial?.organisation ?? ''}
          invalid={!!errors.organisation}
          aria-describedby={described('organisation')}
        />
      </Field>
      <Field invalid={!!errors.description}>
        <Label htmlFor={fieldId('description')} optional>
          {fieldLabels.description}
        </Label>
        {error('description')}
        <TextArea
          id={fieldId('description')}
          name="description"
          rows={4}
          defaultValue={initial?.description ?? ''}
          invalid={!!errors.description}
          aria-describedby={described('description')}
        />
      </Field>
      <div className="filters__actions">
        <Button type="submit" aria-disabled={busy}>
          {submitLabel}
        </Button>
        <Link href={cancelHref}>Annuleren</Link>
      </div>
    </form>
  )
}

type AddedFieldProps = {
  field: 'added.code' | 'added.name' | 'added.district'
  name: string
  invalid: boolean
  error: (field: FieldName) => ReactNode
  described: (field: FieldName) => string | undefined
}

function AddedField({ field, name, invalid, error, described }: AddedFieldProps) {
  return (
    <Field invalid={invalid}>
      <Label htmlFor={fieldId(field)} inFieldSet>
        {fieldLabels[field]}
      </Label>
      {error(field)}
      <TextInput id={fieldId(field)} name={name} invalid={invalid} aria-describedby={described(field)} />
    </Field>
  )
}

/**
 * The API's field errors at the form's fields (the network commands name no others): `activeIn[i].…` at the typed-in
 * neighbourhood when it is the `i`th, at the neighbourhoods otherwise.
 */
function fieldErrors(problem: Problem, addedAt: number): FieldErrors {
  const errors: FieldErrors = {}
  for (const [key, messages] of Object.entries(problem.errors)) {
    const neighbourhood = /^activeIn\[(\d+)\]\.(code|name|district)$/.exec(key)
    const field: FieldName =
      neighbourhood && Number(neighbourhood[1]) === addedAt
        ? (`added.${neighbourhood[2]}` as FieldName)
        : key.startsWith('activeIn')
          ? 'activeIn'
          : (key as FieldName)
    errors[field] = [...(errors[field] ?? []), ...messages]
  }
  return errors
}
