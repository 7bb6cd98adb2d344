// The simulator over real HTTP on 127.0.0.1: one or many Voucherify projects (engines) keyed by app id,
// each with its own seeded load, all on one clock that may run faster than real time. Before a project
// answers a request its load is caught up to the moment, so time only moves forward for every engine.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HoldableClock, ScaledClock, type Clock } from './clock';
import {
  unauthorizedResponse,
  VoucherifyEngine,
  type EngineOptions,
  type EngineTruth,
  type SimDialect,
  type SimPlanId,
  type SimRequest,
  type SimResponse,
} from './engine';
import { holdableTimeControl, LoadDriver, loadProfile, seedOf, type LoadKind } from './load';

export interface SimProjectOptions {
  plan?: SimPlanId;
  /** Generated (random UUIDs) when missing. */
  appId?: string;
  appToken?: string;
  load?: LoadKind;
  seed?: number;
  overrides?: EngineOptions['overrides'];
  cycleStart?: number;
  subscriptionEnded?: boolean;
  dialect?: SimDialect;
  breachHeaders?: EngineOptions['breachHeaders'];
  /** Apply the load from this moment (e.g. the cycle start) instead of from now: a cycle already under way. */
  loadFrom?: number;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Simulated ms per real ms (default 1). Ignored when `clock` is given. */
  speed?: number;
  /** Simulated start time, epoch ms (default now). Ignored when `clock` is given. */
  start?: number;
  /** A clock of your own (a ManualClock in tests); default a ScaledClock from speed and start. */
  clock?: Clock;
  /** Defaults for every project. */
  plan?: SimPlanId;
  load?: LoadKind;
  seed?: number;
  dialect?: SimDialect;
  /** The projects; default one with the defaults above. */
  projects?: SimProjectOptions[];
  /** Real ms between load ticks (default 250). Requests catch their project's load up regardless. */
  tickMs?: number;
  /** A client must send its request headers within this (real ms, default 5 s). */
  headersTimeoutMs?: number;
  /** …and the whole request within this (real ms, default 10 s). */
  requestTimeoutMs?: number;
  /** Connections held at once (default 256); more are refused at accept. */
  maxConnections?: number;
}

/** Slow or idle clients cannot hold the embedded simulator's sockets (it runs inside the app). */
export const SIM_LIMITS = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxConnections: 256 } as const;

export interface SimProject {
  appId: string;
  appToken: string;
  plan: SimPlanId;
  load: LoadKind;
  seed: number;
  dialect: SimDialect;
  /** True when the credentials were generated, not given. */
  generated: boolean;
  engine: VoucherifyEngine;
  /** Ground truth now (the load caught up first). */
  truth(): EngineTruth;
  /**
   * Answers a request as if it arrived at the past moment `t` (the load caught up to `t` first), without
   * HTTP: how the demo replays the monitor's probes of a cycle already under way. Times only move forward.
   */
  answerAt(t: number, request: SimRequest): SimResponse;
}

export interface RunningSimulator {
  url: string;
  port: number;
  clock: Clock;
  projects: readonly SimProject[];
  project(appId: string): SimProject | undefined;
  /** Requests answered so far (all projects, all statuses). */
  requests(): number;
  close(): Promise<void>;
}

export const SIMULATOR_DEFAULTS = {
  plan: 'startup',
  load: 'diurnal',
  seed: 1,
  speed: 1,
  dialect: 'voucherify',
} as const satisfies {
  plan: SimPlanId;
  load: LoadKind;
  seed: number;
  speed: number;
  dialect: SimDialect;
};

/** Not part of Voucherify's API: ground truth for the demo and tests, authenticated, never counted. */
export const TRUTH_PATH = '/_simulator/truth';
const MAX_BODY_BYTES = 1_000_000;

interface Entry {
  project: SimProject;
  driver: LoadDriver;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const base =
    options.clock ??
    new ScaledClock({
      speed: options.speed ?? SIMULATOR_DEFAULTS.speed,
      ...(options.start !== undefined ? { start: options.start } : {}),
    });
  const clock = new HoldableClock(base);
  const time = holdableTimeControl(clock);
  const entries = new Map<string, Entry>();

  const specs = options.projects?.length ? options.projects : [{}];
  specs.forEach((spec, i) => {
    const plan = spec.plan ?? options.plan ?? SIMULATOR_DEFAULTS.plan;
    const load = spec.load ?? options.load ?? SIMULATOR_DEFAULTS.load;
    // Several projects get distinct seeds (the first keeps the given one) unless each names its own.
    const given = options.seed ?? SIMULATOR_DEFAULTS.seed;
    const seed = spec.seed ?? (i === 0 ? given : seedOf(`${given}:${i}`));
    const dialect = spec.dialect ?? options.dialect ?? SIMULATOR_DEFAULTS.dialect;
    if ((spec.appId === undefined) !== (spec.appToken === undefined))
      throw new Error('give both an app id and an app token, or neither');
    const appId = spec.appId ?? randomUUID();
    const appToken = spec.appToken ?? randomUUID();
    if (entries.has(appId)) throw new Error(`two projects share the app id ${appId.slice(0, 40)}`);
    const engine = new VoucherifyEngine({
      plan,
      clock,
      credentials: { appId, appToken },
      dialect,
      ...(spec.overrides ? { overrides: spec.overrides } : {}),
      ...(spec.cycleStart !== undefined ? { cycleStart: spec.cycleStart } : {}),
      ...(spec.subscriptionEnded !== undefined ? { subscriptionEnded: spec.subscriptionEnded } : {}),
      ...(spec.breachHeaders ? { breachHeaders: spec.breachHeaders } : {}),
    });
    const driver = new LoadDriver(engine, loadProfile(load, seed, engine.limits), time, {
      seed,
      from: spec.loadFrom ?? clock.now(),
    });
    const project: SimProject = {
      appId,
      appToken,
      plan,
      load,
      seed,
      dialect,
      generated: spec.appId === undefined,
      engine,
      truth: () => {
        driver.advanceTo(base.now());
        return engine.truth();
      },
      answerAt: (t, request) => {
        driver.advanceTo(t);
        clock.hold(t);
        try {
          return engine.handle(request);
        } finally {
          clock.release();
        }
      },
    };
    entries.set(appId, { project, driver });
  });

  let answered = 0;
  const requestTimeout = options.requestTimeoutMs ?? SIM_LIMITS.requestTimeoutMs;
  const server = createServer(
    {
      headersTimeout: Math.min(options.headersTimeoutMs ?? SIM_LIMITS.headersTimeoutMs, requestTimeout),
      requestTimeout,
      // Node checks both timeouts on this interval (default 30 s, which would let a slow client stay 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          send(res, { status: 413, headers: {}, body: { code: 413, key: 'payload_too_large' } });
          req.destroy();
        }
      });
      req.on('error', () => undefined);
      req.on('end', () => {
        if (res.headersSent) return;
        answered++;
        send(res, answer(req));
      });
    },
  );
  server.maxConnections = options.maxConnections ?? SIM_LIMITS.maxConnections;

  const answer = (req: IncomingMessage): SimResponse => {
    const appId = req.headers['x-app-id'];
    const entry = typeof appId === 'string' ? entries.get(appId) : undefined;
    if (!entry) return unauthorizedResponse(base.now());
    entry.driver.advanceTo(base.now());
    const path = req.url ?? '/';
    const request = { method: req.method ?? 'GET', path, headers: req.headers };
    if (path.split('?', 1)[0] === TRUTH_PATH) {
      if (!entry.project.engine.authenticates(req.headers)) return unauthorizedResponse(base.now());
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: {
          plan: entry.project.plan,
          load: entry.project.load,
          seed: entry.project.seed,
          ...entry.project.engine.truth(),
        },
      };
    }
    return entry.project.engine.handle(request);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const tick = setInterval(() => {
    const now = base.now();
    for (const e of entries.values()) e.driver.advanceTo(now);
  }, options.tickMs ?? 250);
  tick.unref();

  const projects = [...entries.values()].map((e) => e.project);
  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    projects,
    project: (appId) => entries.get(appId)?.project,
    requests: () => answered,
    close: () => {
      closed ??= closeServer(server, tick);
      return closed;
    },
  };
}

function send(res: ServerResponse, r: SimResponse): void {
  const payload = JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...r.headers,
    'Content-Type': r.headers['Content-Type'] ?? 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function closeServer(server: Server, tick: NodeJS.Timeout): Promise<void> {
  clearInterval(tick);
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
