import { defineConfig } from 'vite'

// The Host serves the build under /app/ (src/Host/Pages); every asset is local, nothing comes from a CDN.
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fonts are small; keeping them as files lets the browser cache them apart from the code.
    assetsInlineLimit: 0,
  },
})
