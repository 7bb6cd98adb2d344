// Export (issue 15): CSV and JSON of observations, daily usage and the cycle archive. The CSV read
// back equals the JSON (round trip), times are ISO 8601 UTC, numbers unlocalised; the CLI reads a
// data folder as the app leaves it, filters by key and time, and never prints a secret.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cycleBounds } from '../../electron/core/cycle/bounds';
import { defaultSettings, keyConfigSchema, type Settings } from '../../electron/core/config/settings';
import { archiveCycle } from '../../electron/core/history/archive';
import {
  CSV_COLUMNS,
  parseCsv,
  parseCsvRows,
  toCsv,
  toDocument,
  toJson,
} from '../../electron/export/formats';
import { exportFromState } from '../../electron/export/from-state';
import { buildExport, type ExportKey } from '../../electron/export/model';
import { emptyKeyRuntime, emptyRuntime, type RuntimeState } from '../../electron/service/runtime-state';

const HOUR = 3_600_000;
const NOW = Date.parse('2027-04-10T12:00:00Z');

function readingsEvery(start: number, end: number, stepH: number, perHour: number) {
  const out = [];
  for (let t = start; t + HOUR <= end; t += stepH * HOUR)
    out.push({
      observedAt: t + HOUR - 20_000,
      limit: 1000,
      remaining: 1000 - perHour,
      resetAt: t + HOUR,
      periodMs: HOUR,
    });
  return out;
}

/** Two keys as the app would leave them: one with a past cycle archived, one fresh. */
function fixture(): { settings: Settings; runtime: RuntimeState } {
  const settings = defaultSettings();
  const conn = { provider: 'voucherify', region: 'eu', appId: 'app-1', clientSide: false };
  settings.keys = [
    keyConfigSchema.parse({
      id: 'key-shop',
      name: 'Shop, "EU"',
      connection: conn,
      plan: { provider: 'voucherify', plan: 'growth' },
      cycle: { renewalDay: 1, timeZone: 'Europe/Berlin' },
      createdAt: 1,
    }),
    keyConfigSchema.parse({
      id: 'key-ops',
      name: '=Ops',
      connection: conn,
      plan: { provider: 'voucherify', plan: 'startup' },
      cycle: { renewalDay: 15, timeZone: 'UTC' },
      createdAt: 2,
    }),
  ];
  const runtime = emptyRuntime();
  const march = cycleBounds(settings.keys[0]!.cycle, Date.parse('2027-03-10T00:00:00Z'));
  const april = cycleBounds(settings.keys[0]!.cycle, NOW);
  const readings = [
    ...readingsEvery(march.start, march.end, 5, 40),
    ...readingsEvery(april.start, NOW, 5, 45),
  ];
  const record = archiveCycle({
    cycle: march,
    timeZone: 'Europe/Berlin',
    limit: 30_000,
    readings,
    cycleBreaches: [],
    dashboard: [],
    probes: { sent: 149, billable: 149 },
    tracker: {
      start: march.start,
      end: march.end,
      alerts: 2,
      checkpoints: [
        { share: 25, at: march.start + 7.75 * 24 * HOUR, used: 7_000, runOutAt: null, probability: 0.125 },
      ],
    },
  });
  runtime.keys['key-shop'] = {
    ...emptyKeyRuntime(),
    readings,
    dashboard: [{ at: april.start + 3 * 24 * HOUR, used: 3_100 }],
    archive: [record],
  };
  runtime.keys['key-ops'] = {
    ...emptyKeyRuntime(),
    cycleBreaches: [Date.parse('2027-04-09T08:00:00Z')],
    readings: readingsEvery(Date.parse('2027-04-01T00:00:00Z'), NOW, 7, 20),
  };
  return { settings, runtime };
}

describe('export formats', () => {
  const { settings, runtime } = fixture();
  const data = exportFromState(settings, runtime, {}, NOW);

  it('holds observations, days and the archive, with ISO 8601 UTC times and plain numbers', () => {
    expect(data.observations.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['window', 'dashboard', 'breach']),
    );
    expect(data.cycles).toHaveLength(1);
    expect(data.cycles[0]).toMatchObject({
      key: 'Shop, "EU"',
      alertsSent: 2,
      probesSent: 149,
      forecast25Probability: 0.125,
    });
    // March has 31 local days (a 23-hour one at the DST change); April so far 10, the last one under way.
    const shopDays = data.daily.filter((d) => d.keyId === 'key-shop');
    expect(shopDays.filter((d) => d.cycleStart === data.cycles[0]!.start)).toHaveLength(31);
    expect(shopDays.filter((d) => !d.complete)).toHaveLength(1);
    const doc = toDocument(data);
    expect(doc.observations[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const csv = toCsv(data);
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    // No thousands separators or locale decimals anywhere in the numbers.
    expect(csv).not.toMatch(/\d\u00a0\d/);
    expect(csv).toContain(',0.125,');
  });

  it('round trip: the CSV read back equals the JSON', () => {
    const fromJson = JSON.parse(toJson(data)) as ReturnType<typeof toDocument>;
    const fromCsv = parseCsv(toCsv(data));
    expect(fromCsv).toEqual({
      observations: fromJson.observations,
      daily: fromJson.daily,
      cycles: fromJson.cycles,
    });
  });

  it('round trip holds for any key name (quotes, commas, line breaks, formula-like text)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        fc.integer({ min: 0, max: 10_000 }),
        (name, used) => {
          const key: ExportKey = {
            id: 'key-x',
            name,
            timeZone: 'UTC',
            limit: 100,
            cycle: null,
            readings: [],
            cycleBreaches: [],
            dashboard: [{ at: NOW - HOUR, used }],
            archive: [],
            probes: { sent: 0, billable: 0 },
          };
          const d = buildExport([key], {}, NOW);
          const back = parseCsv(toCsv(d));
          expect(back.observations).toEqual(JSON.parse(toJson(d)).observations);
        },
      ),
      // The counterexample fast-check once found (an apostrophe before a formula start) is always tried.
      {
        numRuns: 200,
        examples: [
          ["'@ ", 0],
          ["''=1", 5],
        ],
      },
    );
  });

  it('a key name a spreadsheet would run as a formula is written inert', () => {
    const rows = parseCsvRows(toCsv(data));
    const keyCol = CSV_COLUMNS.indexOf('key');
    expect(rows.some((r) => r[keyCol] === "'=Ops")).toBe(true);
  });

  it('filters by key (name or id) and by time', () => {
    const only = exportFromState(settings, runtime, { key: 'KEY-OPS' }, NOW);
    expect(new Set(only.observations.map((o) => o.keyId))).toEqual(new Set(['key-ops']));
    const from = Date.parse('2027-04-05T00:00:00Z');
    const to = Date.parse('2027-04-08T00:00:00Z');
    const ranged = exportFromState(settings, runtime, { from, to }, NOW);
    expect(ranged.observations.every((o) => o.at >= from && o.at < to)).toBe(true);
    expect(ranged.observations.length).toBeGreaterThan(0);
    expect(ranged.cycles).toHaveLength(0);
    expect(ranged.daily.every((d) => d.dayEnd > from && d.dayStart < to)).toBe(true);
  });
});

describe('cli export (real process, a data folder as the app leaves it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { settings, runtime } = fixture();
  writeFileSync(join(dir, 'config.json'), JSON.stringify(settings));
  writeFileSync(join(dir, 'state.json'), JSON.stringify(runtime));
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ 'key-shop': 'SECRET-TOKEN-123' }));

  const cli = (args: string[]) => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'export', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints CSV and JSON that agree, filtered by key and time, without any secret', () => {
    const args = [
      '--data',
      dir,
      '--key',
      'Shop, "EU"',
      '--from',
      '2027-03-20T00:00:00Z',
      '--to',
      '2027-04-05T00:00:00Z',
    ];
    const csv = cli(['--format', 'csv', ...args]);
    const json = cli(['--format', 'json', ...args]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.cycles).toHaveLength(1);
    expect(doc.observations.length).toBeGreaterThan(0);
    expect(
      doc.observations.every(
        (o: { key_id: string; at: string }) =>
          o.key_id === 'key-shop' && o.at >= '2027-03-20' && o.at < '2027-04-05',
      ),
    ).toBe(true);
    const back = parseCsv(csv.stdout);
    // Both ran at their own "now": today's day rows are not in this range, so the files agree.
    expect(back).toEqual({ observations: doc.observations, daily: doc.daily, cycles: doc.cycles });
    expect(csv.stdout + json.stdout).not.toContain('SECRET-TOKEN-123');
  }, 120_000);

  it('says clearly what is wrong: bad format, unknown key, missing folder', () => {
    expect(cli(['--format', 'xml', '--data', dir])).toMatchObject({ code: 2 });
    const unknown = cli(['--format', 'csv', '--data', dir, '--key', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no key named "nope"; keys: Shop, "EU", =Ops/);
    const missing = cli(['--format', 'csv', '--data', join(dir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Headroom settings in/);
  }, 120_000);
});
