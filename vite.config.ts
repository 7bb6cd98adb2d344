// Vite builds three things: the renderer (root `renderer/`), and through vite-plugin-electron
// the main process and the preload script. `npm start` runs the dev server and launches Electron.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron/simple';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
// Packages that must stay outside the main bundle: native-ish helpers that locate files beside themselves.
const external = ['electron', 'node-notifier', 'pino', 'electron-store'];

/**
 * In development only, the page's CSP admits what Vite's dev server needs: React Refresh's inline
 * preamble, the <style> tags it injects for CSS, and the HMR websocket. Production keeps the strict policy of renderer/index.html
 * (and the app:// protocol's header).
 */
function devCsp(): Plugin {
  return {
    name: 'headroom-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  root: `${root}renderer`,
  base: './',
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
  },
  plugins: [
    devCsp(),
    react(),
    electron({
      main: {
        entry: `${root}electron/main.ts`,
        vite: { build: { outDir: `${root}dist-electron`, rolldownOptions: { external } } },
      },
      preload: {
        input: `${root}electron/preload.ts`,
        // Sandboxed preloads must be CommonJS; with "type": "module" the plugin would name it .mjs.
        vite: {
          build: {
            outDir: `${root}dist-electron`,
            rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
          },
        },
      },
    }),
  ],
});
