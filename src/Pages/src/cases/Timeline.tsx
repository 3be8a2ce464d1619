import { Button, Heading, OrderedList } from '@amsterdam/design-system-react'
import type { components } from '../api/schema'
import { eventTypeLabels, formatDateTime, label } from '../labels'

type RecordedEvent = components['schemas']['RecordedEvent']

/** The case's history in version order: when, who, the correlation id, the stored type name beside its Dutch label, and the data. */
export function Timeline({ events, onShowVersion }: { events: RecordedEvent[]; onShowVersion: (version: number) => void }) {
  const inOrder = [...events].sort((a, b) => a.version - b.version)
  return (
    <section aria-labelledby="timeline-heading">
      <Heading level={2} size="level-3" id="timeline-heading">
        Geschiedenis ({inOrder.length} gebeurtenissen)
      </Heading>
      <OrderedList className="timeline" markers={false} data-figure="timeline">
        {inOrder.map(event => (
          <OrderedList.Item key={event.version} className="timeline__event" data-version={event.version} data-type={event.type}>
            <Heading level={3} size="level-5">
              Versie {event.version}: {label(eventTypeLabels, event.type)} <code className="timeline__type">{event.type}</code>
            </Heading>
            <dl className="timeline__meta">
              <dt>Tijd</dt>
              <dd>
                <time dateTime={event.timestamp}>{formatDateTime(event.timestamp)}</time>
              </dd>
              <dt>Gebruiker</dt>
              <dd>{event.user ?? '–'}</dd>
              <dt>Correlatie-id</dt>
              <dd>
                <code>{event.correlationId ?? '–'}</code>
              </dd>
            </dl>
            <details>
              <summary>Gegevens</summary>
              <pre className="timeline__data">{JSON.stringify(event.data, null, 2)}</pre>
            </details>
            <Button variant="tertiary" onClick={() => onShowVersion(event.version)}>
              Toon toestand na versie {event.version}
            </Button>
          </OrderedList.Item>
        ))}
      </OrderedList>
    </section>
  )
}
