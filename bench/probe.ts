// Probe overhead against the simulator on loopback: the latency of one probe (a fresh TCP connection,
// one request, the answer parsed and classified) and the wall time to probe 100 keys (100 simulator
// projects) through the pool. Simulator and probes share this process and its event loop, so the
// figures are an upper bound on Headroom's own cost, not a measure of any real API's latency.
import { performance } from 'node:perf_hooks';
import { probeAll } from '../electron/probe/pool';
import { probe } from '../electron/probe/probe';
import { makeTarget, type ProbeTarget } from '../electron/probe/targets';
import { startSimulator, type SimProject } from '../electron/simulator/server';
import { table, type BenchSection } from './section';

const WARMUP = 30;
const SEQUENTIAL = 300;
const KEYS = 100;

function targetFor(url: string, p: SimProject, i: number): ProbeTarget {
  return makeTarget({
    keyId: `key-${i}`,
    provider: 'voucherify',
    baseUrl: url,
    credentials: { kind: 'voucherify-app', appId: p.appId, appToken: p.appToken },
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const ms = (v: number) => v.toFixed(2);

export const section: BenchSection = {
  title: 'Probe overhead (simulator on loopback)',
  async run(print) {
    // Room for every probe in one window: the bench measures overhead, not the plan.
    const overrides = { api_calls: 1_000_000, api_calls_cycle: 10_000_000 };
    const one = await startSimulator({ load: 'none', projects: [{ plan: 'professional', overrides }] });
    const latencies: number[] = [];
    let failures = 0;
    try {
      const target = targetFor(one.url, one.projects[0] as SimProject, 0);
      for (let i = 0; i < WARMUP; i++) await probe(target);
      for (let i = 0; i < SEQUENTIAL; i++) {
        const r = await probe(target);
        if (r.outcome !== 'ok' || r.latencyMs === null) failures++;
        else latencies.push(r.latencyMs);
      }
    } finally {
      await one.close();
    }
    latencies.sort((a, b) => a - b);

    const many = await startSimulator({
      load: 'none',
      projects: Array.from({ length: KEYS }, () => ({ plan: 'professional' as const, overrides })),
    });
    const rows: (string | number)[][] = [];
    try {
      const targets = many.projects.map((p, i) => targetFor(many.url, p, i));
      for (const concurrency of [1, 8, 32, KEYS]) {
        const t0 = performance.now();
        const each: number[] = [];
        let ok = 0;
        for await (const r of probeAll(targets, { concurrency })) {
          if (r.outcome === 'ok') ok++;
          if (r.latencyMs !== null) each.push(r.latencyMs);
        }
        const wall = performance.now() - t0;
        each.sort((a, b) => a - b);
        rows.push([
          `${KEYS} keys, pool of ${concurrency}`,
          `${ok}/${KEYS}`,
          ms(wall),
          ms(quantile(each, 0.5)),
          ms(quantile(each, 0.95)),
        ]);
      }
    } finally {
      await many.close();
    }

    print(`One probe, ${SEQUENTIAL} sequential after ${WARMUP} warm-up (new TCP connection each):`);
    print('');
    for (const line of table(
      ['probes', 'ok', 'median ms', 'p95 ms', 'min ms', 'max ms'],
      [
        [
          SEQUENTIAL,
          SEQUENTIAL - failures,
          ms(quantile(latencies, 0.5)),
          ms(quantile(latencies, 0.95)),
          ms(latencies[0] ?? Number.NaN),
          ms(latencies.at(-1) ?? Number.NaN),
        ],
      ],
    ))
      print(line);
    print('');
    print(`${KEYS} keys (${KEYS} simulator projects) probed concurrently through the pool:`);
    print('');
    for (const line of table(['run', 'ok', 'wall ms', 'per-probe median ms', 'per-probe p95 ms'], rows))
      print(line);
    print('');
    print('Simulator and probes share one process and event loop; loopback has no network latency.');
  },
};
