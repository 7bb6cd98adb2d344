// The end-to-end tests' door to the app: the PRODUCT web server (electron/web/server) hosting the real
// Headroom service and the built renderer, as `npm start` without Electron and `serve` do. Kept under
// this name and shape so suites written against the old test-only bridge keep working:
//   url     the address to open (with ?token=: the page trades it for its session cookie)
//   origin  http://127.0.0.1:PORT, for requests made outside the page (with `token` as a bearer)
import { generateToken } from '../../electron/web/security';
import { startWebServer, type WebRoute } from '../../electron/web/server';
import type { HeadroomService } from '../../electron/service/service-types';

export interface Bridge {
  url: string;
  origin: string;
  token: string;
  /** Every setPinned the page sent. */
  pinned: boolean[];
  /** Pushes a focus request, as a click on a delivered notification does in the app. */
  focus(keyId: string): void;
  close(): Promise<void>;
}

export async function startBridge(opts: {
  root: string;
  service: HeadroomService;
  routes?: WebRoute[];
}): Promise<Bridge> {
  const pinned: boolean[] = [];
  const token = generateToken();
  const server = await startWebServer({
    root: opts.root,
    service: opts.service,
    token,
    routes: opts.routes,
    onPinned: (p) => pinned.push(p),
  });
  return {
    url: `${server.url}/?token=${token}`,
    origin: server.url,
    token,
    pinned,
    focus: (keyId) => server.push('focus', keyId),
    close: () => server.close(),
  };
}
