// The forwarding proxy's cost on loopback: the same calls to the simulator directly and through a
// key's proxy (with the Headroom service counting every answer behind it), interleaved so both see the
// same machine. Latency per call (median, p99) over keep-alive connections, then throughput with 16
// calls in flight. Simulator, proxy and service share this process, so the added latency is an upper
// bound on the proxy's own cost.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { defaultSettings } from '../electron/core/config/settings';
import { startKeyProxies } from '../electron/proxy/key-proxies';
import { createHeadroomService } from '../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../electron/service/memory';
import { realTimers, silentLogger } from '../electron/service/ports';
import { startSimulator } from '../electron/simulator/server';
import { parseServeConfig } from '../electron/web/config-file';
import { table, type BenchSection } from './section';

const WARMUP = 100;
const PAIRS = 1_000;
const THROUGHPUT_CALLS = 3_000;
const IN_FLIGHT = 16;
const APP_ID = 'bench-app';
const TOKEN = 'bench-token-0123456789';

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

function get(agent: Agent, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/vouchers?limit=1',
        agent,
        headers: { 'X-App-Id': APP_ID, 'X-App-Token': TOKEN },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - t0)
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function throughput(agent: Agent, port: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < THROUGHPUT_CALLS) {
        next++;
        await get(agent, port);
      }
    }),
  );
  return THROUGHPUT_CALLS / ((performance.now() - t0) / 1000);
}

const ms = (v: number) => v.toFixed(3);

export const section: BenchSection = {
  title: 'Passive proxy: added latency and throughput (simulator on loopback)',
  async run(print) {
    const overrides = { api_calls: 10_000_000, api_calls_cycle: 100_000_000 };
    const sim = await startSimulator({
      load: 'none',
      projects: [{ plan: 'professional', appId: APP_ID, appToken: TOKEN, overrides }],
    });
    const config = parseServeConfig(
      {
        keys: [
          {
            name: 'Bench',
            provider: 'voucherify',
            region: 'custom',
            baseUrl: sim.url,
            appId: APP_ID,
            plan: 'professional',
            tokenEnv: 'BENCH_TOKEN',
            proxy: { port: 0 },
            reading: { used: 0, at: new Date().toISOString() },
          },
        ],
      },
      'bench',
      { BENCH_TOKEN: TOKEN },
      Date.now(),
    );
    const vault = new MemoryVault();
    await vault.set(config.keys[0]!.id, TOKEN);
    const service = createHeadroomService({
      settings: new MemorySettingsRepository({ ...defaultSettings(), keys: config.keys }),
      state: new MemoryStateRepository(),
      vault,
      notifier: null,
      logger: silentLogger,
      timers: realTimers,
      now: Date.now,
      timeZone: 'UTC',
      demo: false,
    });
    await service.start();
    const [proxy] = await startKeyProxies(service, config, silentLogger);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    try {
      const direct: number[] = [];
      const proxied: number[] = [];
      for (let i = 0; i < WARMUP; i++) {
        await get(agent, sim.port);
        await get(agent, proxy!.port);
      }
      for (let i = 0; i < PAIRS; i++) {
        // Alternate which goes first, so neither always meets a warmer cache.
        if (i % 2 === 0) {
          direct.push(await get(agent, sim.port));
          proxied.push(await get(agent, proxy!.port));
        } else {
          proxied.push(await get(agent, proxy!.port));
          direct.push(await get(agent, sim.port));
        }
      }
      const added = direct.map((d, i) => (proxied[i] as number) - d).sort((a, b) => a - b);
      direct.sort((a, b) => a - b);
      proxied.sort((a, b) => a - b);
      const directRate = await throughput(agent, sim.port);
      const proxyRate = await throughput(agent, proxy!.port);
      const counted = service.passiveCalls()[0]?.total ?? 0;
      for (const line of table(
        ['path', 'calls', 'median ms', 'p99 ms', `calls/s (${IN_FLIGHT} in flight)`],
        [
          ['direct', PAIRS, ms(quantile(direct, 0.5)), ms(quantile(direct, 0.99)), Math.round(directRate)],
          [
            'through the proxy',
            PAIRS,
            ms(quantile(proxied, 0.5)),
            ms(quantile(proxied, 0.99)),
            Math.round(proxyRate),
          ],
          ['added (pairwise)', PAIRS, ms(quantile(added, 0.5)), ms(quantile(added, 0.99)), ''],
        ],
      ))
        print(line);
      print('');
      print(`answers counted by Headroom: ${counted} (expected ${WARMUP + PAIRS + THROUGHPUT_CALLS})`);
    } finally {
      agent.destroy();
      await proxy?.close();
      await service.stop();
      await sim.close();
    }
  },
};
