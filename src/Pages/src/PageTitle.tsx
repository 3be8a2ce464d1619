import { Heading } from '@amsterdam/design-system-react'
import { useEffect, useRef } from 'react'
import { hasNavigated } from './routing'

/**
 * The page's one h1, also its document title. After a navigation focus moves here, so a screen reader announces the
 * new page and the keyboard starts from its top (the browser would otherwise keep focus on the link that was used, or
 * drop it to the body when that link or button went with the old page). On the page the browser loaded, focus stays
 * where the browser put it, so the skip link comes first.
 */
export function PageTitle({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${children} · Participatie`
    if (hasNavigated() || document.activeElement !== document.body) heading.current?.focus({ preventScroll: true })
  }, [children])
  return (
    <Heading level={1} ref={heading} tabIndex={-1} className="page-title">
      {children}
    </Heading>
  )
}
