// Renderer entry: mounts the popover on the preload's `window.headroom`, or, in a browser tab served
// by the web shell (no preload), on the HTTP client of the same API.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createWebApi, isWebShellPage } from './web-api';
import './styles/theme.css';
import './styles/base.css';
import './styles/popover.css';
import './styles/forms.css';

const root = document.getElementById('root');
if (root) {
  const api = window.headroom ?? (isWebShellPage(window.location) ? createWebApi() : undefined);
  createRoot(root).render(
    <StrictMode>
      {api ? (
        <App api={api} />
      ) : (
        <main className="popover loading">
          <p role="alert">Headroom’s bridge to the app is missing: open the popover from the tray icon.</p>
        </main>
      )}
    </StrictMode>,
  );
}
