import type { Session } from './session'

// The same role sets as the API's policies (src/Host/Security/SecuritySetup.cs): the pages show what the API would answer.
const trackProgress = ['manager', 'auditor', 'admin']
const audit = ['auditor', 'admin']
const writeNetworks = ['caseworker', 'manager', 'admin']
const manageNetworks = ['manager', 'admin']
const readWorklist = ['caseworker', 'manager', 'admin']

const hasAny = (session: Session, roles: string[]) => session.roles.some(role => roles.includes(role))

export const mayTrackProgress = (session: Session) => hasAny(session, trackProgress)
export const mayAudit = (session: Session) => hasAny(session, audit)
/** Register a network and change what it is (name, kind, neighbourhoods, description, organisation). */
export const mayWriteNetworks = (session: Session) => hasAny(session, writeNetworks)
/** Merge, retire and reactivate networks. */
export const mayManageNetworks = (session: Session) => hasAny(session, manageNetworks)
/** The worklist of overdue follow-ups. */
export const mayReadWorklist = (session: Session) => hasAny(session, readWorklist)
/** Propose destruction lists and exclude cases from them. */
export const mayAdminister = (session: Session) => session.roles.includes('admin')
/** See the destruction lists, approve one (not one's own) and download its declaration. */
export const mayReviewDestruction = (session: Session) => hasAny(session, audit)
