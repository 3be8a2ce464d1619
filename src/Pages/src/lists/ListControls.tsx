import { Field, Label, Pagination, Select, TextInput } from '@amsterdam/design-system-react'

/** Options of a select: value → text, or groups of them under a heading (an `optgroup`). */
export type Choices = Record<string, string> | { label: string; choices: Record<string, string> }[]

/** A filter chosen from a list; the empty first option means no filter. */
export function FilterSelect({ name, label, value, choices }: { name: string; label: string; value?: string; choices: Choices }) {
  const options = (entries: Record<string, string>) =>
    Object.entries(entries).map(([option, text]) => (
      <Select.Option key={option} value={option}>
        {text}
      </Select.Option>
    ))
  return (
    <Field>
      <Label htmlFor={`filter-${name}`}>{label}</Label>
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <Select.Option value="">Alle</Select.Option>
        {Array.isArray(choices)
          ? choices.map(group => (
              <Select.Group key={group.label} label={group.label}>
                {options(group.choices)}
              </Select.Group>
            ))
          : options(choices)}
      </Select>
    </Field>
  )
}

export function FilterText({ name, label, value, hint }: { name: string; label: string; value?: string; hint?: string }) {
  return (
    <Field>
      <Label htmlFor={`filter-${name}`}>
        {label}
        {hint && <span className="hint"> ({hint})</span>}
      </Label>
      <TextInput id={`filter-${name}`} name={name} defaultValue={value ?? ''} />
    </Field>
  )
}

/** The list's sort order; `sorts` maps the API's `sort` values to their Dutch description, the first is the API's default. */
export function SortSelect({ value, sorts }: { value?: string; sorts: Record<string, string> }) {
  return (
    <Field>
      <Label htmlFor="filter-sort">Sorteren</Label>
      <Select id="filter-sort" name="sort" defaultValue={value ?? Object.keys(sorts)[0]}>
        {Object.entries(sorts).map(([option, text]) => (
          <Select.Option key={option} value={option}>
            {text}
          </Select.Option>
        ))}
      </Select>
    </Field>
  )
}

/** Links to the other pages of a list, when there are any. */
export function ListPagination({ page, totalPages, link }: { page: number; totalPages: number; link: (page: number) => string }) {
  if (totalPages <= 1) return null
  return (
    <Pagination
      page={page}
      totalPages={totalPages}
      linkTemplate={link}
      accessibleName="Paginering"
      previousLabel="Vorige"
      nextLabel="Volgende"
      previousAccessibleName="Vorige pagina"
      nextAccessibleName="Volgende pagina"
      pageAccessibleName="Pagina"
      currentPageAccessibleName="Pagina, huidige"
    />
  )
}
