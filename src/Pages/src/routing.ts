import { useSyncExternalStore } from 'react'

// A router of a few lines: the pages are four routes, and plain links keep working with the keyboard and in new tabs.
const changed = 'participation:navigate'

export const base = import.meta.env.BASE_URL // "/app/"

/** Where the municipality's identity provider sends the browser back after signing in (auth/oidc.ts). */
export const callbackPath = `${base}callback`

let navigated = false

/** Whether the user went from one page to another within the pages (rather than this being the page the browser loaded). */
export const hasNavigated = () => navigated

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  navigated = true
  dispatchEvent(new Event(changed))
}

function subscribe(notify: () => void) {
  addEventListener('popstate', notify)
  addEventListener(changed, notify)
  return () => {
    removeEventListener('popstate', notify)
    removeEventListener(changed, notify)
  }
}

const snapshot = () => location.pathname + location.search

/** The current path and query; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(current, location.origin)
  return { pathname: url.pathname, search: url.searchParams }
}

/** Clicks on links within the pages navigate without reloading; modified clicks, downloads and other targets go as usual. */
export function interceptLinkClicks(): void {
  document.addEventListener('click', event => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const anchor = (event.target as Element | null)?.closest('a')
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return
    const url = new URL(anchor.href, location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith(base)) return
    // A link to a part of this page (the skip link, a form's error summary) is the browser's to follow: it moves focus there.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return
    event.preventDefault()
    navigate(url.pathname + url.search)
  })
}
