// Vite builds three things: the renderer (root `renderer/`), and through vite-plugin-electron
// the main process and the preload script. `npm start` runs the dev server and launches Electron.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron/simple';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
// Packages that must stay outside the main bundle: native-ish helpers that locate files beside themselves.
const external = ['electron', 'node-notifier', 'pino'];

/**
 * `npm start` launches Electron in the PROJECT root: vite-plugin-electron would otherwise start
 * `electron .` in Vite's root (renderer/), where Electron finds no package.json ("Unable to find
 * Electron app"). The plugin calls one of these once main and preload are both built, then again on
 * each rebuild: a main rebuild restarts Electron, a preload rebuild reloads the window.
 */
type Startup = (argv?: string[], options?: { cwd?: string }) => Promise<unknown>;
const ELECTRON_ARGV = ['.', '--no-sandbox'];
const running = () => (process as { electronApp?: unknown }).electronApp !== undefined;
const launcher = {
  main: async ({ startup }: { startup: Startup }): Promise<void> => {
    await startup(ELECTRON_ARGV, { cwd: root });
  },
  preload: async ({ startup, reload }: { startup: Startup; reload(): void }): Promise<void> => {
    if (running()) reload();
    else await startup(ELECTRON_ARGV, { cwd: root });
  },
};

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
        onstart: launcher.main,
        vite: { build: { outDir: `${root}dist-electron`, rolldownOptions: { external } } },
      },
      preload: {
        input: `${root}electron/preload.ts`,
        onstart: launcher.preload,
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
