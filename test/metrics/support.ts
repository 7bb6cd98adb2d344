// Shared by the metrics suites: the real Headroom service on in-memory ports, /metrics mounted on a
// loopback HTTP server the way `serve` mounts it, a parser for the exposition text, and key input.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyInput } from '../../electron/ipc/contract';
import { createMetricsEndpoint, type MetricsEndpoint } from '../../electron/metrics/endpoint';
import { answerMetrics, METRICS_PATH } from '../../electron/metrics/http';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import { type Timers } from '../../electron/service/ports';
import type { HeadroomService } from '../../electron/service/service-types';
import { startMemoryService } from '../support/memory-service';

/** Timers that never fire by themselves: the service probes only when a test says so. */
export const heldTimers: Timers = { setTimeout: () => ({}), clearTimeout: () => {} };

export interface Hosted {
  service: HeadroomService;
  settings: MemorySettingsRepository;
  state: MemoryStateRepository;
  vault: MemoryVault;
}

export async function startService(
  opts: {
    demo?: boolean;
    timers?: Timers;
    settings?: MemorySettingsRepository;
    state?: MemoryStateRepository;
    vault?: MemoryVault;
  } = {},
): Promise<Hosted> {
  const settings = opts.settings ?? new MemorySettingsRepository();
  const state = opts.state ?? new MemoryStateRepository();
  const vault = opts.vault ?? new MemoryVault();
  const service = await startMemoryService({
    settings,
    state,
    vault,
    timers: opts.timers ?? heldTimers,
    demo: opts.demo ?? true,
  });
  return { service, settings, state, vault };
}

export interface MetricsServer {
  url: string;
  port: number;
  endpoint: MetricsEndpoint;
  close(): Promise<void>;
}

/**
 * /metrics on 127.0.0.1 at a free port, as `serve` mounts it; other paths go to `other` (404 without).
 */
export async function serveMetrics(
  service: HeadroomService,
  other?: (req: IncomingMessage, body: string) => void,
): Promise<MetricsServer> {
  const endpoint = createMetricsEndpoint(service);
  const server: Server = createServer((req, res) => {
    if (req.url === METRICS_PATH) {
      void answerMetrics(req, res, endpoint);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (other) other(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(other ? 200 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${METRICS_PATH}`,
    port,
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (the subset prom-client writes: no timestamps). */
export function parseExposition(text: string): { samples: Sample[]; help: Map<string, string> } {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# HELP ')) {
      const [name, ...rest] = line.slice(7).split(' ');
      help.set(name ?? '', rest.join(' '));
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const labelText = m[2] ?? '';
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
    for (let l = re.exec(labelText); l; l = re.exec(labelText)) {
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return { samples, help };
}

/** The one sample of `name` whose labels include `labels`; throws when there is not exactly one. */
export function only(samples: readonly Sample[], name: string, labels: Record<string, string>): Sample {
  const found = select(samples, name, labels);
  if (found.length !== 1)
    throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)} (expected one)`);
  return found[0] as Sample;
}

export function select(samples: readonly Sample[], name: string, labels: Record<string, string> = {}) {
  return samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

export function keyInput(
  baseUrl: string,
  over: Partial<KeyInput> & { token: string; appId: string },
): KeyInput {
  const { token, appId, ...rest } = over;
  return {
    name: 'Shop API',
    connection: { provider: 'voucherify', region: 'custom', baseUrl, appId, clientSide: false },
    secrets: { token },
    plan: { provider: 'voucherify', plan: 'startup' },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
    ...rest,
  };
}

/** The metric families the issue names, each with the labels its series must carry. */
export const FAMILIES: Record<string, string[]> = {
  headroom_window_limit: ['key', 'key_id', 'provider', 'window', 'kind', 'source'],
  headroom_window_remaining: ['key', 'key_id', 'provider', 'window', 'kind', 'source'],
  headroom_window_reset_timestamp_seconds: ['key', 'key_id', 'provider', 'window', 'kind', 'source'],
  headroom_cycle_limit: ['key', 'key_id', 'provider', 'source'],
  headroom_cycle_used: ['key', 'key_id', 'provider', 'bound', 'source'],
  headroom_cycle_reset_timestamp_seconds: ['key', 'key_id', 'provider'],
  headroom_cycle_runout_probability: ['key', 'key_id', 'provider'],
  headroom_cycle_runout_timestamp_seconds: ['key', 'key_id', 'provider'],
  headroom_cycle_safe_daily_budget: ['key', 'key_id', 'provider'],
  headroom_probe_calls_total: ['key', 'key_id', 'provider'],
  headroom_probe_failures_total: ['key', 'key_id', 'provider', 'outcome'],
  // Only for real keys the integration's traffic reaches (proxy or ingest): none for the demo.
  headroom_passive_calls_total: ['key', 'key_id', 'provider'],
  headroom_key_status: ['key', 'key_id', 'provider', 'status'],
  headroom_last_observation_timestamp_seconds: ['key', 'key_id', 'provider'],
};
