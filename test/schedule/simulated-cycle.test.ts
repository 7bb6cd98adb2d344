// Headroom over a whole simulated billing cycle: the real Voucherify engine on a manual clock, the
// real parser, the scheduler, the estimator and the forecaster, as the backtest runs them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../bench/backtest/harness';
import { headroom } from '../../bench/backtest/methods';
import { loadRealSeries, realTraces } from '../../bench/backtest/real';
import { syntheticTrace } from '../../bench/backtest/traces';

const start = Date.parse('2026-04-01T00:00:00Z');
const DAY = 86_400_000;

describe('Headroom over a simulated cycle', () => {
  it('stays within a 1 % budget, tracks the usage, and sees the block with the first probe after it', () => {
    // Steady demand near the Growth cycle quota; on this seed it runs out before renewal.
    const trace = syntheticTrace('steady', 101, 30_000 * 1.05, new Date(start).getUTCDay());
    const run = runTrace(trace, 'growth', start, (ctx) => headroom(ctx), 7);
    expect(run.tallyMatches).toBe(true);
    expect(run.billable).toBeLessThanOrEqual(300);
    expect(run.crossed[2]).not.toBeNull();
    expect(run.blockSeenAt).not.toBeNull();
    expect(run.probesAfterBlock).toBe(1);
    // Seen within a few hours of the block, not at the cycle's end.
    expect((run.blockSeenAt as number) - (run.crossed[2] as number)).toBeLessThan(0.25 * DAY);
    const view = run.views[0];
    expect(view).toBeDefined();
    // The usage it showed at the end of each day, against the truth: within 3 % of the quota.
    for (const d of view?.daily ?? []) expect(Math.abs(d.shown - d.truth)).toBeLessThan(900);
    // Crossing 80 % is noticed within a few hours either side.
    const late = ((view?.detected[0] as number) - (run.crossed[0] as number)) / 3_600_000;
    expect(Math.abs(late)).toBeLessThan(6);
  });
});

describe('real demand series', () => {
  it('are optional: a missing folder is reported, not fatal', () => {
    const load = loadRealSeries(join(tmpdir(), 'headroom-no-such-folder'));
    expect(load.series).toHaveLength(0);
    expect(load.notes[0]).toMatch(/not found: real series skipped/);
  });

  it('are sliced into 30-day cycles scaled to the plan, and a short file is skipped with a note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-real-'));
    const rows = ['timestamp,value'];
    for (let i = 0; i < 65 * 48; i++) {
      const t = new Date(Date.parse('2015-01-01T00:00:00Z') + i * 1_800_000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19);
      rows.push(`${t},${100 + (i % 48)}`);
    }
    writeFileSync(join(dir, 'long.csv'), rows.join('\n'));
    writeFileSync(join(dir, 'short.csv'), rows.slice(0, 20 * 48).join('\n'));
    const load = loadRealSeries(dir);
    expect(load.series.map((s) => s.file)).toEqual(['long.csv']);
    expect(load.notes.join(' ')).toMatch(/short.csv: .* shorter than a 30-day cycle/);
    const traces = realTraces(load, 30_000, 1);
    expect(traces).toHaveLength(2);
    for (const t of traces) {
      const total = t.demand.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0.65 * 30_000);
      expect(total).toBeLessThan(1.35 * 30_000);
    }
  });
});
