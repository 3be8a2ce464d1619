import '@amsterdam/design-system-assets/font/index.css'
import '@amsterdam/design-system-tokens/dist/index.css'
import '@amsterdam/design-system-css/dist/index.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { takeTokenFromFragment } from './auth/session'
import { interceptLinkClicks } from './routing'

// Before anything renders: a handed-over token leaves the address bar at once.
takeTokenFromFragment()
interceptLinkClicks()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
