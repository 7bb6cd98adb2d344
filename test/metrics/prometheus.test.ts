// /metrics against the real thing: Debian's Prometheus scrapes the REAL service running the demo over
// loopback HTTP, and every metric comes back from its query API with the expected labels; promtool
// accepts the exposition and the shipped rule files; a real Alertmanager receives an alert that the
// shipped rules raise from a second real service whose key has a wrong token.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/simulator/server';
import { realTimers } from '../../electron/service/ports';
import { requireSystem } from '../support/system';
import { eventually, startDaemon, type Daemon } from './daemons';
import {
  FAMILIES,
  keyInput,
  parseExposition,
  serveMetrics,
  startService,
  type Hosted,
  type MetricsServer,
} from './support';

const system = requireSystem(
  'metrics (Prometheus, Alertmanager)',
  ['prometheus', 'promtool', 'prometheus-alertmanager', 'amtool'],
  'sudo apt-get install prometheus prometheus-alertmanager',
);

const DEPLOY = join(import.meta.dirname, '..', '..', 'deploy');
const RULES = join(DEPLOY, 'prometheus', 'headroom-rules.yml');
/** Quotes and a backslash: the exposition must escape them, Prometheus and Alertmanager read them back. */
const WRONG_KEY = 'Wrong "token" \\ key';

interface PromVector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

function run(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!system.available)('metrics in a real Prometheus and Alertmanager', () => {
  const closers: (() => Promise<unknown>)[] = [];
  let demo: Hosted;
  let team: Hosted;
  let demoServer: MetricsServer;
  let teamServer: MetricsServer;
  let prometheus: Daemon;
  let alertmanager: Daemon;
  const received: { labels: Record<string, string>; annotations: Record<string, string> }[] = [];
  let prometheusStartedAt = 0;

  beforeAll(async () => {
    // `serve`'s demo: the real service, real timers, the demo project, /metrics on loopback.
    demo = await startService({ timers: realTimers });
    closers.push(() => demo.service.stop());
    demoServer = await serveMetrics(demo.service, (req, body) => {
      if (req.method === 'POST' && req.url === '/alerts') {
        const payload = JSON.parse(body) as { alerts: typeof received };
        received.push(...payload.alerts);
      }
    });
    closers.push(() => demoServer.close());

    // A team's service with a key whose token the provider refuses.
    const sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: 'app-1', appToken: 'sk_right_token_4b1d3f58' }],
    });
    closers.push(() => sim.close());
    team = await startService({ demo: false });
    closers.push(() => team.service.stop());
    const saved = await team.service.saveKey(
      keyInput(sim.url, { name: WRONG_KEY, appId: 'app-1', token: 'sk_wrong_token_0000000' }),
    );
    if (!saved.ok) throw new Error(saved.error);
    await team.service.probeNow(saved.keyId);
    teamServer = await serveMetrics(team.service);
    closers.push(() => teamServer.close());

    alertmanager = await startDaemon({
      bin: 'prometheus-alertmanager',
      readyMs: 20_000,
      files: () => ({
        'alertmanager.yml': [
          'route:',
          '  receiver: test',
          '  group_by: [alertname, key_id]',
          '  group_wait: 0s',
          '  group_interval: 1s',
          '  repeat_interval: 1h',
          'receivers:',
          '  - name: test',
          '    webhook_configs:',
          `      - url: http://127.0.0.1:${demoServer.port}/alerts`,
          '',
        ].join('\n'),
      }),
      args: (dir, port) => [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
    });
    closers.push(() => alertmanager.stop());

    // The shipped rules as they are, except `for:` (minutes, tested by promtool below) set to 0s so
    // the alert path can be seen within seconds.
    prometheusStartedAt = Date.now();
    const rules = readFileSync(RULES, 'utf8').replace(/^(\s+)for: \S+$/gm, '$1for: 0s');
    prometheus = await startDaemon({
      bin: 'prometheus',
      readyMs: 30_000,
      files: () => ({
        'rules.yml': rules,
        'prometheus.yml': [
          'global:',
          '  scrape_interval: 1s',
          '  evaluation_interval: 1s',
          'rule_files: [rules.yml]',
          'alerting:',
          '  alertmanagers:',
          `    - static_configs: [{ targets: ['${alertmanager.url.replace('http://', '')}'] }]`,
          'scrape_configs:',
          '  - job_name: headroom',
          '    static_configs:',
          `      - targets: ['127.0.0.1:${demoServer.port}', '127.0.0.1:${teamServer.port}']`,
          '',
        ].join('\n'),
      }),
      args: (dir, port) => [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
    });
    closers.push(() => prometheus.stop());
  }, 90_000);

  afterAll(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  async function query(promql: string): Promise<PromVector['data']['result']> {
    const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`, {
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as PromVector;
    if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  it('promtool check metrics accepts /metrics', async () => {
    for (const server of [demoServer, teamServer]) {
      const text = await (await fetch(server.url)).text();
      const check = run('promtool', ['check', 'metrics'], text);
      expect(check.out).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('the shipped rules pass promtool check rules and test rules; the examples pass their checkers', () => {
    const rules = run('promtool', ['check', 'rules', RULES]);
    expect(rules.status, rules.out).toBe(0);
    const tests = run('promtool', ['test', 'rules', join(DEPLOY, 'prometheus', 'headroom-rules.test.yml')]);
    expect(tests.status, tests.out).toBe(0);
    expect(tests.out).toContain('SUCCESS');

    // The example points at a credentials file beside it: check it in a copy with one.
    const dir = mkdtempSync(join(tmpdir(), 'headroom-prom-config-'));
    try {
      copyFileSync(join(DEPLOY, 'prometheus', 'prometheus.yml'), join(dir, 'prometheus.yml'));
      copyFileSync(RULES, join(dir, 'headroom-rules.yml'));
      writeFileSync(join(dir, 'headroom-token'), 'example-secret\n');
      const config = run('promtool', ['check', 'config', join(dir, 'prometheus.yml')]);
      expect(config.status, config.out).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const am = run('amtool', ['check-config', join(DEPLOY, 'alertmanager', 'alertmanager.yml')]);
    expect(am.status, am.out).toBe(0);
  });

  it('Prometheus scrapes the demo: every metric comes back with its labels', async () => {
    const first = await eventually('the demo in Prometheus', 40_000, async () => {
      const r = await query('headroom_key_status{key="Demo project"}');
      return r.length > 0 ? r : undefined;
    });
    const seconds = (Date.now() - prometheusStartedAt) / 1000;
    console.info(
      `[metrics] the demo's series were queryable ${seconds.toFixed(1)} s after Prometheus was started`,
    );
    expect(first.map((s) => s.metric.status).sort()).toEqual([
      'blocked',
      'critical',
      'error',
      'ok',
      'stale',
      'warning',
    ]);
    expect(first.filter((s) => s.value[1] === '1')).toHaveLength(1);

    // What the demo's /metrics has (the run-out time only when the forecast says it runs out).
    const exposed = new Set(
      parseExposition(await (await fetch(demoServer.url)).text()).samples.map((s) => s.name),
    );
    for (const [name, labels] of Object.entries(FAMILIES)) {
      if (name === 'headroom_cycle_runout_timestamp_seconds' && !exposed.has(name)) continue;
      // The demo has no integration of its own to read passively (test/passive checks this family).
      if (name === 'headroom_passive_calls_total') continue;
      const series = await eventually(name, 10_000, async () => {
        const r = await query(`${name}{key="Demo project"}`);
        return r.length > 0 ? r : undefined;
      });
      for (const s of series) {
        expect(Object.keys(s.metric).sort(), name).toEqual(['__name__', 'instance', 'job', ...labels].sort());
        expect(s.metric).toMatchObject({ job: 'headroom', key: 'Demo project', provider: 'voucherify' });
        expect(Number.isFinite(Number(s.value[1])), `${name} value`).toBe(true);
      }
    }
    const windows = await query('headroom_window_limit{key="Demo project"}');
    expect(windows.map((s) => s.metric.window).sort()).toEqual([
      'api_calls',
      'bulk_api_calls',
      'webhook_calls',
    ]);
    // The recording rule turns them into shares used, the billing cycle included.
    const ratios = await eventually('recorded ratios', 10_000, async () => {
      const r = await query('headroom:window_used:ratio{key="Demo project"}');
      return r.some((s) => s.metric.window === 'cycle') ? r : undefined;
    });
    for (const s of ratios) expect(Number(s.value[1])).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('every query of the Grafana dashboard runs on the scraped demo', async () => {
    interface Target {
      expr: string;
      legendFormat?: string;
    }
    const dashboard = JSON.parse(readFileSync(join(DEPLOY, 'grafana', 'headroom.json'), 'utf8')) as {
      panels: { title: string; targets: Target[] }[];
      annotations: { list: Target[] };
    };
    const targets = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ ...t, title: p.title }))),
      ...dashboard.annotations.list.map((t) => ({ ...t, title: 'annotation' })),
    ];
    expect(targets.length).toBeGreaterThan(10);
    // Two scrapes at least (the hourly increases need them), whichever test ran first.
    await eventually('two scrapes of the demo', 40_000, async () => {
      const r = await query('count_over_time(headroom_probe_calls_total{key="Demo project"}[1m]) >= 2');
      return r.length > 0 ? r : undefined;
    });
    const empty: string[] = [];
    for (const t of targets) {
      const expr = t.expr.replaceAll('$key', 'Demo project');
      const result = await query(expr); // throws on a query Prometheus refuses
      if (result.length === 0) empty.push(`${t.title}: ${t.legendFormat ?? t.expr}`);
    }
    // Only what the demo cannot have may be empty: its run-out time (when the cycle lasts), probe
    // failures and firing alerts.
    const demoText = await (await fetch(demoServer.url)).text();
    const allowed = [/probe failures|outcome/, /ALERTS/];
    if (!demoText.includes('\nheadroom_cycle_runout_timestamp_seconds')) allowed.push(/runs out/);
    expect(empty.filter((e) => !allowed.some((a) => a.test(e)))).toEqual([]);
  }, 30_000);

  it('Alertmanager receives the alert the rules raise for a key whose probes fail', async () => {
    const alert = await eventually('HeadroomProbesFailing at the webhook', 40_000, async () =>
      received.find((a) => a.labels.alertname === 'HeadroomProbesFailing' && a.labels.key === WRONG_KEY),
    );
    expect(alert.labels).toMatchObject({ severity: 'warning', provider: 'voucherify', job: 'headroom' });
    expect(alert.annotations.summary).toBe(`${WRONG_KEY}: Headroom's probes are failing`);
    expect(alert.annotations.action).toMatch(/^unauthorized: the token is wrong or revoked/);
    // Alertmanager holds it too (its own API), and the demo raised no failure alert.
    const held = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as {
      labels: Record<string, string>;
    }[];
    expect(
      held.some((a) => a.labels.alertname === 'HeadroomProbesFailing' && a.labels.key === WRONG_KEY),
    ).toBe(true);
    expect(
      received.filter(
        (a) => a.labels.alertname === 'HeadroomProbesFailing' && a.labels.key === 'Demo project',
      ),
    ).toEqual([]);
  }, 60_000);
});
