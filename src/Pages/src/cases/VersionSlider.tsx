import { Field, Heading, Label, Paragraph } from '@amsterdam/design-system-react'
import { useApiData } from '../api/useApiData'
import { Status } from '../Status'
import { CaseState } from './CaseState'

type Props = { caseId: string; latest: number; version: number; onChange: (version: number) => void }

/** Steps through the case's versions with a slider (arrow keys move one version); shows `/state?version=N` for the chosen one. */
export function VersionSlider({ caseId, latest, version, onChange }: Props) {
  const { data, failure, loading } = useApiData(`state/${caseId}/${version}`, api =>
    api.GET('/cases/{caseId}/state', { params: { path: { caseId }, query: { version } } }),
  )
  return (
    <section className="version-slider" aria-labelledby="version-heading">
      <Heading level={2} size="level-3" id="version-heading">
        Toestand per versie
      </Heading>
      <Field>
        <Label htmlFor="version">Versie</Label>
        <div className="version-slider__control">
          <input
            id="version"
            type="range"
            min={1}
            max={latest}
            step={1}
            value={version}
            aria-valuetext={`versie ${version} van ${latest}`}
            onChange={event => onChange(Number(event.currentTarget.value))}
          />
          <output htmlFor="version" aria-live="polite">
            versie {version} van {latest}
          </output>
        </div>
      </Field>
      <Status loading={loading && !data} failure={failure} />
      {data && (
        <div aria-busy={loading} data-state-version={data.version}>
          <Paragraph size="small">Zo stond de casus er na versie {data.version} voor.</Paragraph>
          <CaseState details={data} headingLevel={3} />
        </div>
      )}
    </section>
  )
}
