// Soak: 20 keys × 45 simulated days on the real service (real scheduler, real probes over loopback
// HTTP, the simulator with seeded diurnal load, the real file repositories in a temp folder), on a
// manual clock driven timer by timer. Prints, every 5 days: probes, heap, RSS, the state on disk,
// bytes written that day, errors. `SOAK_DAYS` and `SOAK_KEYS` shorten it for a quick look.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyInput } from '../electron/ipc/contract';
import { createHeadroomService } from '../electron/service/headroom-service';
import { MemoryVault } from '../electron/service/memory';
import type { Logger, Timers } from '../electron/service/ports';
import { ManualClock } from '../electron/simulator/clock';
import { startSimulator } from '../electron/simulator/server';
import { createSettingsRepository, createStateRepository } from '../electron/storage/repositories';
import { table, type BenchSection } from './section';

const DAY = 86_400_000;
const PLANS = ['startup', 'growth', 'professional', 'free'] as const;

/** setTimeout on the manual clock: the soak loop fires the earliest timer and moves the clock to it. */
class VirtualTimers implements Timers {
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  constructor(private readonly clock: ManualClock) {}
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.pending.set(id, { at: this.clock.now() + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.pending.delete(handle as number);
  }
  /** Fires the earliest timer due at or before `until`; false when none is. */
  fireNext(until: number): boolean {
    let best: [number, { at: number; fn: () => void }] | null = null;
    for (const e of this.pending) if (!best || e[1].at < best[1].at) best = e;
    if (!best || best[1].at > until) return false;
    this.pending.delete(best[0]);
    if (best[1].at > this.clock.now()) this.clock.set(best[1].at);
    best[1].fn();
    return true;
  }
}

const settle = () => new Promise<void>((r) => setImmediate(r));

export const section: BenchSection = {
  title: 'Soak: 20 keys × 45 simulated days (real service, probes, simulator, files)',
  async run(print) {
    const days = Number(process.env.SOAK_DAYS ?? 45);
    const keyCount = Number(process.env.SOAK_KEYS ?? 20);
    const start = Date.parse('2026-10-01T00:00:00Z');
    const clock = new ManualClock(start);
    const dir = mkdtempSync(join(tmpdir(), 'headroom-soak-'));
    const sim = await startSimulator({
      clock,
      tickMs: 60_000,
      projects: Array.from({ length: keyCount }, (_, i) => ({
        plan: PLANS[i % PLANS.length],
        load: 'diurnal' as const,
        seed: 1000 + i,
        appId: `soak-app-${i}`,
        appToken: `soak_token_${i}_0123456789abcdef`,
        cycleStart: start,
      })),
    });
    let errors = 0;
    let probes = 0;
    const errorLines: string[] = [];
    const logger: Logger = {
      info: (m) => {
        if (m.startsWith('probe ')) probes++;
      },
      warn: () => undefined,
      error: (m, f) => {
        errors++;
        if (errorLines.length < 5) errorLines.push(`${m} ${JSON.stringify(f ?? {})}`);
      },
    };
    const written = new Map<number, number>();
    const onWrite = (_file: string, bytes: number) => {
      const day = Math.floor((clock.now() - start) / DAY);
      written.set(day, (written.get(day) ?? 0) + bytes);
    };
    const vault = new MemoryVault();
    const timers = new VirtualTimers(clock);
    const service = createHeadroomService({
      settings: createSettingsRepository({ dir, vault, onWrite }),
      state: createStateRepository({ dir, onWrite }),
      vault,
      notifier: null,
      logger,
      timers,
      now: () => clock.now(),
      timeZone: 'UTC',
      demo: false,
    });
    await service.start();
    for (let i = 0; i < keyCount; i++) {
      const input: KeyInput = {
        name: `Soak key ${i + 1}`,
        connection: {
          provider: 'voucherify',
          region: 'custom',
          baseUrl: sim.url,
          appId: `soak-app-${i}`,
          clientSide: false,
        },
        secrets: { token: `soak_token_${i}_0123456789abcdef` },
        plan: { provider: 'voucherify', plan: PLANS[i % PLANS.length] as (typeof PLANS)[number] },
        cycle: { renewalDay: 1, timeZone: 'UTC' },
        thresholds: [80, 90, 100],
      };
      const r = await service.saveKey(input);
      if (!r.ok) throw new Error(`soak key not saved: ${r.error}`);
    }

    const rows: (string | number)[][] = [];
    const size = (f: string) => {
      try {
        return statSync(join(dir, f)).size;
      } catch {
        return 0;
      }
    };
    const sample = (day: number) => {
      const s = service.getState();
      const mem = process.memoryUsage();
      rows.push([
        day,
        probes,
        s.keys.filter((k) => k.lastProbe?.outcome === 'ok').length,
        (mem.heapUsed / 2 ** 20).toFixed(1),
        (mem.rss / 2 ** 20).toFixed(1),
        (size('state.json') / 1024).toFixed(0),
        (size('state.journal') / 1024).toFixed(0),
        ((written.get(day - 1) ?? 0) / 2 ** 20).toFixed(2),
        errors,
      ]);
    };
    const t0 = Date.now();
    let fired = 0;
    for (let day = 1; day <= days; day++) {
      const until = start + day * DAY;
      while (timers.fireNext(until)) {
        fired++;
        // Let the probe (real HTTP), its ingest and any save run before the next timer.
        for (let i = 0; i < 6; i++) await settle();
        while (service.getState().keys.some((k) => k.probing)) await settle();
      }
      clock.set(until);
      if (day === 1 || day % 5 === 0) {
        sample(day);
        // Progress on stderr (the table comes at the end): a long run on a busy machine shows it is alive.
        process.stderr.write(
          `soak: day ${day}/${days}, ${probes} probes, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
        );
      }
    }
    await service.stop();
    await sim.close();
    const perDay = [...written.entries()].filter(([d]) => d >= 1 && d < days).map(([, b]) => b);
    rmSync(dir, { recursive: true, force: true });

    for (const line of table(
      [
        'day',
        'probes (total)',
        'keys ok',
        'heap MB',
        'RSS MB',
        'state.json KB',
        'journal KB',
        'written MB (prev day)',
        'errors',
      ],
      rows,
    ))
      print(line);
    const max = Math.max(...perDay);
    const mean = perDay.reduce((a, b) => a + b, 0) / Math.max(1, perDay.length);
    print('');
    print(
      `${keyCount} keys, ${days} days, ${fired} timers fired in ${((Date.now() - t0) / 1000).toFixed(0)} s; ` +
        `bytes written per day: mean ${(mean / 2 ** 20).toFixed(2)} MB, max ${(max / 2 ** 20).toFixed(2)} MB; errors ${errors}`,
    );
    for (const l of errorLines) print(`error: ${l}`);
  },
};
