// The cost of a Prometheus scrape: GET /metrics rendered from the REAL service with 1, 10 and 100
// keys, each probed once against the simulator (so every window, cycle and forecast figure is there).
// "unchanged": nothing changed since the last scrape (the endpoint reuses its text); "changed": the
// service published a new AppState (a probe landed), so every family is filled and serialised again;
// "+ AppState" also counts the service building that state. Target: under 20 ms for 100 keys.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createMetricsEndpoint } from '../electron/metrics/endpoint';
import { createHeadroomService } from '../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../electron/service/memory';
import { silentLogger, type Timers } from '../electron/service/ports';
import { startSimulator } from '../electron/simulator/server';
import { table, type BenchSection } from './section';
import { saveSimulatorKey } from '../test/support/simulator-key';

const RUNS = 200;
const PLANS = ['free', 'startup', 'growth', 'professional'] as const;
const held: Timers = { setTimeout: () => ({}), clearTimeout: () => {} };

interface Timing {
  median: number;
  p95: number;
  /** Median CPU time of this process (user + system): what a scrape costs, whatever else the machine runs. */
  cpu: number;
}

/** Times `fn` RUNS times, each after an untimed `prepare`. */
async function timings(
  fn: () => Promise<unknown>,
  prepare: () => Promise<unknown> = async () => {},
): Promise<Timing> {
  for (let i = 0; i < 20; i++) {
    await prepare();
    await fn();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await prepare();
    const usage = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  };
  return { median: at(wall, 0.5), p95: at(wall, 0.95), cpu: at(cpu, 0.5) };
}

async function row(keys: number): Promise<(string | number)[]> {
  const projects = Array.from({ length: keys }, (_, i) => ({
    plan: PLANS[i % PLANS.length] as (typeof PLANS)[number],
    load: 'none' as const,
    appId: `app-${i}`,
    appToken: `token-${i}-0123456789abcdef`,
  }));
  const sim = await startSimulator({ projects });
  const service = createHeadroomService({
    settings: new MemorySettingsRepository(),
    state: new MemoryStateRepository(),
    vault: new MemoryVault(),
    notifier: null,
    logger: silentLogger,
    timers: held,
    now: Date.now,
    timeZone: 'UTC',
    demo: false,
  });
  await service.start();
  try {
    for (const p of projects) {
      await saveSimulatorKey(service, sim, {
        name: `Integration ${p.appId}`,
        appId: p.appId,
        token: p.appToken,
        plan: p.plan,
      });
    }
    await service.probeNow(null);
    const endpoint = createMetricsEndpoint(service);
    const text = await endpoint.render();
    const series = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

    const unchanged = await timings(() => endpoint.render());
    // snooze('off') changes nothing visible but makes the service build a new AppState.
    const change = () => service.snooze('off');
    const own = await timings(
      () => endpoint.render(),
      async () => {
        await change();
        service.getState();
      },
    );
    const withState = await timings(() => endpoint.render(), change);
    const ms = (v: number) => v.toFixed(2);
    return [
      keys,
      series,
      Buffer.byteLength(text),
      ms(unchanged.median),
      `${ms(own.median)} / ${ms(own.p95)}`,
      ms(own.cpu),
      `${ms(withState.median)} / ${ms(withState.p95)}`,
    ];
  } finally {
    await service.stop();
    await sim.close();
  }
}

export const section: BenchSection = {
  title: 'Metrics: /metrics render cost (Prometheus text format via prom-client)',
  async run(print) {
    const rows = [];
    for (const keys of [1, 10, 100]) rows.push(await row(keys));
    print(`Real service, every key probed once; ${RUNS} renders each: wall median / p95, CPU median.`);
    print('"changed": a new AppState since the last scrape; "+ AppState" adds the service rebuilding it.');
    print(
      `Target: < 20 ms at 100 keys. Load average while running: ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores.`,
    );
    print('');
    for (const line of table(
      ['keys', 'series', 'bytes', 'unchanged ms', 'changed ms', 'changed CPU ms', 'changed + AppState ms'],
      rows,
    ))
      print(line);
  },
};
