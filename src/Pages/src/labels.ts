import type { components } from './api/schema'

type Schemas = components['schemas']
export type CaseDomain = Schemas['CaseDomain']
export type CasePhase = Schemas['CasePhase']
export type CaseStatus = Schemas['CaseStatus']
export type CaseOutcome = Schemas['CaseOutcome']
export type NetworkKind = Schemas['NetworkKind']
export type NetworkStatus = Schemas['NetworkStatus']
export type Neighbourhood = Schemas['Neighbourhood']
export type FollowUpKind = Schemas['FollowUpKind']
export type Punctuality = Schemas['Punctuality']

// Dutch interface text for the API's enum values; `Record` makes the compiler name any value the API adds.
export const domainLabels: Record<CaseDomain, string> = {
  ouderparticipatie: 'Ouderparticipatie',
  jeugdzorg: 'Jeugdzorg',
  sport: 'Sport',
}

export const phaseLabels: Record<CasePhase, string> = {
  engage: 'Aanspreken',
  strengthen: 'Versterken',
  connect: 'Verbinden',
}

export const statusLabels: Record<CaseStatus, string> = {
  open: 'Open',
  closed: 'Gesloten',
}

export const outcomeLabels: Record<CaseOutcome, string> = {
  achieved: 'Bereikt',
  'partly-achieved': 'Deels bereikt',
  'not-achieved': 'Niet bereikt',
  'handed-over': 'Overgedragen',
  stopped: 'Gestopt',
}

export type LifeDomain = Schemas['LifeDomain']

// The ZRM 2017 life domains and levels as Dutch social teams name them.
export const lifeDomainLabels: Record<LifeDomain, string> = {
  finances: 'Financiën',
  'work-and-education': 'Werk en opleiding',
  'time-use': 'Tijdsbesteding',
  housing: 'Huisvesting',
  'domestic-relations': 'Huiselijke relaties',
  'mental-health': 'Geestelijke gezondheid',
  'physical-health': 'Lichamelijke gezondheid',
  'substance-use': 'Middelengebruik',
  'basic-adl': 'Basale ADL',
  'instrumental-adl': 'Instrumentele ADL',
  'social-network': 'Sociaal netwerk',
  'community-participation': 'Maatschappelijke participatie',
  justice: 'Justitie',
}

/** Index 0 is level 1. */
export const levelLabels = ['1 Acute problematiek', '2 Niet zelfredzaam', '3 Beperkt zelfredzaam', '4 Voldoende zelfredzaam', '5 Volledig zelfredzaam']

export const networkKindLabels: Record<NetworkKind, string> = {
  informal: 'Informeel',
  organisation: 'Organisatie',
  school: 'School',
  'sports-club': 'Sportclub',
  faith: 'Geloofsgemeenschap',
  business: 'Ondernemers',
  other: 'Anders',
}

export const networkStatusLabels: Record<NetworkStatus, string> = {
  active: 'Actief',
  retired: 'Opgeheven',
  merged: 'Samengevoegd',
}

export const roleLabels: Record<string, string> = {
  caseworker: 'Professional',
  manager: 'Programmamanager',
  auditor: 'Auditor',
  admin: 'Beheerder',
  resident: 'Bewoner',
  parent: 'Ouder',
  youth: 'Jongere',
  volunteer: 'Vrijwilliger',
  professional: 'Professional',
  organisation: 'Organisatie',
}

export const followUpKindLabels: Record<FollowUpKind, string> = {
  contact: 'Contact',
  phase: 'Tijd in fase',
  agreement: 'Afspraak',
  measurement: 'Hermeting',
}

export const punctualityLabels: Record<Punctuality, string> = {
  'on-time': 'Op tijd',
  late: 'Te laat',
  'late-3x': 'Drie keer te laat',
}

export const contactKindLabels: Record<string, string> = {
  'home-visit': 'Huisbezoek',
  meeting: 'Bijeenkomst',
  phone: 'Telefoongesprek',
  activity: 'Activiteit',
  other: 'Anders',
}

export const strengthCategoryLabels: Record<string, string> = {
  skills: 'Vaardigheden',
  time: 'Tijd',
  knowledge: 'Kennis',
  network: 'Netwerk',
  resources: 'Middelen',
}

// The stored event type names (src/Domain/Cases/CaseEventTypes.cs) beside their Dutch labels; an unknown name shows as itself.
export const eventTypeLabels: Record<string, string> = {
  case_opened: 'Casus geopend',
  participant_joined: 'Deelnemer toegevoegd',
  participant_left: 'Deelnemer vertrokken',
  contact_moment_recorded: 'Contactmoment vastgelegd',
  strength_recorded: 'Kracht vastgelegd',
  network_connected: 'Verbonden met netwerk',
  agreement_made: 'Afspraak gemaakt',
  agreement_fulfilled: 'Afspraak nagekomen',
  agreement_broken: 'Afspraak verbroken',
  case_assigned: 'Casus toegewezen',
  phase_changed: 'Fase gewijzigd',
  case_closed: 'Casus gesloten',
  case_reopened: 'Casus heropend',
  participant_erased: 'Persoonsgegevens gewist',
  case_suspended: 'Casus opgeschort',
  case_resumed: 'Casus hervat',
  follow_up_overdue: 'Termijn verstreken',
}

export const label = (labels: Record<string, string>, value: string | null | undefined): string =>
  value == null ? '–' : (labels[value] ?? value)

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
const date = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' })
const days = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 })

export const formatDateTime = (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : '–')
export const formatDate = (value: string | null | undefined) => (value ? date.format(new Date(value)) : '–')
/** `2026-Q3` as "3e kwartaal 2026"; anything else as it came. */
export const formatQuarter = (quarter: string | null | undefined) =>
  quarter?.replace(/^(\d{4})-Q([1-4])$/, (_, year: string, q: string) => `${q}e kwartaal ${year}`) ?? '–'
export const formatNeighbourhood = (n: Neighbourhood) => `${n.name} (${n.code})`
export const formatDays = (value: number | null | undefined) => (value == null ? '–' : days.format(value))
