// The web shell: the Headroom service on plain Node, shown through the HTTP surface (server.ts). A
// peer of the Electron shell over the same service; it knows nothing of Electron, and Electron
// nothing of it. Settings and state are the same files in the same folder the tray app uses
// (electron/storage, crash-safe); tokens go to the OS keyring or come from tokenEnv.
import { mkdirSync } from 'node:fs';
import { createNodeNotifier } from '../notify/node-notifier';
import type { Notifier } from '../notify/notifier';
import { createHeadroomService } from '../service/headroom-service';
import { realTimers, type Logger } from '../service/ports';
import type { HeadroomService } from '../service/service-types';
import { createSettingsRepository, createStateRepository } from '../storage/repositories';
import type { ServeConfig } from './config-file';
import { withDeclaredKeys, withDeclaredTokens, withNotices } from './declared-keys';
import { loadKeyringBackend, openKeyringVault, type KeyringBackend } from './keyring-vault';
import { exportRoute } from './export-route';
import { metricsRoute } from './metrics-route';
import { startWebServer, type WebRoute, type WebServer } from './server';
import { ingestRoute } from './ingest';
import { applyDeclaredReadings, startKeyProxies } from '../proxy/key-proxies';
import type { RunningProxy } from '../proxy/forward';

export interface WebShellOptions {
  dataDir: string;
  rendererDir: string;
  token: string;
  host?: string;
  port?: number;
  allowedHosts?: readonly string[];
  /** Keys declared with `serve --config`; null: only what is stored (or the demo). */
  config?: ServeConfig | null;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** Default: the OS keyring through @napi-rs/keyring. */
  keyring?: KeyringBackend | null;
  routes?: readonly WebRoute[];
  logger: Logger;
}

export interface WebShell {
  server: WebServer;
  service: HeadroomService;
  /** The forwarding proxies of the keys that declare one (docs/passive.md). */
  proxies: RunningProxy[];
  stop(): Promise<void>;
}

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const { logger, config } = opts;
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });

  const keyring = await openKeyringVault({
    backend: opts.keyring === undefined ? await loadKeyringBackend() : opts.keyring,
    logger,
  });
  const vault = config ? withDeclaredTokens(keyring, config, env) : keyring;
  let settings = createSettingsRepository({ dir: opts.dataDir, vault, logger });
  if (config) settings = withDeclaredKeys(settings, config);
  settings = withNotices(settings, () => {
    const notice = keyring.statusNotice();
    return notice ? [notice] : [];
  });
  const state = createStateRepository({ dir: opts.dataDir, logger });

  let server: WebServer;
  const service = createHeadroomService({
    settings,
    state,
    vault,
    notifier: notifierFor(platform, env),
    logger,
    timers: realTimers,
    now: Date.now,
  });
  await service.start();
  let proxies: RunningProxy[] = [];
  try {
    if (config) {
      await applyDeclaredReadings(service, config);
      proxies = await startKeyProxies(service, config, logger);
    }
    server = await startWebServer({
      service,
      root: opts.rendererDir,
      token: opts.token,
      host: opts.host,
      port: opts.port,
      allowedHosts: opts.allowedHosts,
      // /metrics on every web shell: serve and the browser fallback alike.
      routes: [metricsRoute(opts.host ?? '127.0.0.1'), exportRoute, ingestRoute(), ...(opts.routes ?? [])],
      logger,
    });
  } catch (err) {
    await Promise.all(proxies.map((p) => p.close()));
    await service.stop();
    throw err;
  }
  const running = server;
  return {
    server: running,
    service,
    proxies,
    async stop() {
      await Promise.all(proxies.map((p) => p.close()));
      await running.close();
      await service.stop();
    },
  };
}

/**
 * node-notifier, as the tray app uses on Linux and Windows (on macOS its bundled terminal-notifier).
 * A Linux machine with neither a display nor a session bus (a server) has no one to notify: none.
 */
function notifierFor(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): Notifier | null {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY && !env.DBUS_SESSION_BUS_ADDRESS)
    return null;
  return createNodeNotifier({ platform });
}

/** Warnings and errors as one line each on stderr; never a token (the service redacts first). */
export function stderrLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const line = (level: string, msg: string, fields?: Record<string, unknown>) =>
    write(
      `headroom ${level}: ${msg}${fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''}\n`,
    );
  return {
    info: () => undefined,
    warn: (m, f) => line('warning', m, f),
    error: (m, f) => line('error', m, f),
  };
}
