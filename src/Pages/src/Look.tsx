import type { LogoBrandConfig } from '@amsterdam/design-system-react'
import { forwardRef, type SVGProps, useEffect, useMemo } from 'react'
import type { PagesConfig } from './config'

/** The tenant whose pages carry the Amsterdam Design System's own look: its logo, colours and typeface. */
const amsterdam = 'amsterdam'
const application = 'Participatie'

export type Look = {
  /** The municipality's name as the pages show it: its configured display name, else the tenant's id. */
  municipality: string | null
  /** The logo for the page header: Amsterdam's, or a plain wordmark of another municipality's name. */
  logo: 'amsterdam' | LogoBrandConfig
  /** The application's name beside the logo; left out while the wordmark itself names the application (before signing in). */
  brandName: string | undefined
}

/**
 * Amsterdam sees its own look; every other municipality (and the sign-in, before a tenant is known) a neutral one with
 * its own name, so 's-Hertogenbosch never sees Amsterdam's logo. The colours and typeface follow `data-look` on the
 * document (styles.css).
 */
export function useLook(config: PagesConfig | undefined, tenant: string | null): Look {
  const municipality = tenant ? (config?.tenantNames[tenant] ?? tenant) : null
  const isAmsterdam = tenant === amsterdam
  useEffect(() => {
    document.documentElement.dataset.look = isAmsterdam ? 'amsterdam' : 'neutral'
  }, [isAmsterdam])
  const logo = useMemo(() => (isAmsterdam ? amsterdam : wordmark(municipality ? `Gemeente ${municipality}` : application)), [isAmsterdam, municipality])
  return { municipality, logo, brandName: municipality ? application : undefined }
}

/**
 * A logo of words only: the municipality's name, its box sized to its length so the header lays it out as a logo, the
 * text fitted to the box (`textLength`) whichever typeface draws it.
 */
function wordmark(name: string): LogoBrandConfig {
  const textWidth = Math.ceil(name.length * 10.5)
  const width = textWidth + 4
  const svg = forwardRef<SVGSVGElement, SVGProps<SVGSVGElement>>((props, ref) => (
    <svg {...props} ref={ref} role="img" viewBox={`0 0 ${width} 32`} className={`${props.className ?? ''} wordmark`}>
      <text x={2} y={22} textLength={textWidth} lengthAdjust="spacingAndGlyphs" className="wordmark__text">
        {name}
      </text>
    </svg>
  ))
  return { label: name, svg }
}
