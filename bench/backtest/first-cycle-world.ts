// One key's first billing cycle, as a new user lives it: a simulated Voucherify project whose
// integration runs a 30-day trace; Headroom starts watching at the cycle's start or in the middle of
// it (optionally with a dashboard reading typed in then), and from that moment runs the product's own
// pipeline: probes when the scheduler says, the parser, the window reading (window-reading.ts), the
// key insight (estimate, forecast, schedule) and the alert engine with its cycle gate. Every hour it
// notes whether the truth lies in the cycle band and which cycle alerts were raised.
import { evaluate, recordDelivery } from '../../electron/core/alerts/engine';
import { DEFAULT_PREFS } from '../../electron/core/alerts/prefs';
import { alertRulesSchema } from '../../electron/core/alerts/rules';
import { emptyAlertState, type AlertState } from '../../electron/core/alerts/state';
import type { KeyAlertInput } from '../../electron/core/alerts/types';
import { windowReadingOf } from '../../electron/core/cycle/window-reading';
import type { RequestWindowReading } from '../../electron/core/cycle/estimator';
import { cycleAlertWindow, cycleGate } from '../../electron/core/insight/cycle-gate';
import { keyInsight, type KeyInsight } from '../../electron/core/insight/key-insight';
import { parseResponse } from '../../electron/core/parse';
import { planLimits } from '../../electron/core/plans/plan';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';
import { ManualClock } from '../../electron/simulator/clock';
import { VoucherifyEngine, type SimPlanId, type SimRequest } from '../../electron/simulator/engine';
import { HOUR_MS, MINUTE_MS, TRACE_MINUTES, type Trace } from './traces';

const CREDENTIALS = { appId: 'first-cycle-app', appToken: 'first-cycle-token-not-secret' };
const PROBE: SimRequest = {
  method: 'GET',
  path: '/v1/vouchers?limit=1',
  headers: { 'x-app-id': CREDENTIALS.appId, 'x-app-token': CREDENTIALS.appToken },
};
const ZONE = { timeZone: 'UTC', locale: 'en-GB' };

export type Model = 'before' | 'after';

const THRESHOLDS = [80, 90, 100] as const;

export interface FirstCycleRun {
  /** Checkpoints (hourly for two days, then every six hours): was the truth inside the cycle band. */
  covered: {
    sinceStartMs: number;
    inBand: boolean;
    /** The band and the truth then (to see why the truth left it). */
    low: number;
    used: number;
    high: number;
    truth: number;
  }[];
  /** Cycle alerts raised: threshold level (percent) or 'run-out', when, and whether the cycle bore it out. */
  alarms: {
    what: number | 'run-out';
    at: number;
    sinceStartMs: number;
    borneOut: boolean;
    /** What Headroom believed then, and the truth then (to see why an alarm was false). */
    seen: { low: number; used: number; high: number; truth: number; p: number | null; anchored: boolean };
  }[];
  probes: number;
  finalUsed: number;
  limit: number;
  monitorFrom: number;
  /** When the cycle quota ran out (the truth reached the limit), null when it lasted. */
  ranOutAt: number | null;
  /** When the truth crossed each threshold (80, 90, 100 %), for the ones it crossed. */
  crossedAt: Partial<Record<number, number>>;
}

export interface WorldSpec {
  plan: SimPlanId;
  trace: Trace;
  cycleStart: number;
  /** When Headroom starts watching. */
  monitorFrom: number;
  /** Type the dashboard's figure in when monitoring starts. */
  reading: boolean;
  model: Model;
}

export function runFirstCycle(spec: WorldSpec): FirstCycleRun {
  const { plan: planId, trace, cycleStart, monitorFrom } = spec;
  const clock = new ManualClock(cycleStart);
  const engine = new VoucherifyEngine({ plan: planId, clock, credentials: CREDENTIALS, cycleStart });
  const truth0 = engine.truth();
  const limit = truth0.cycleLimit ?? Infinity;
  const plan = voucherifyPlan(planId);
  const request = plan.windows.find((w) => w.id === 'api_calls');
  const hourLimit = request?.limit;
  // As the service parses (service/key-target.ts hintsOf): the plan tells the request window's
  // length, which Voucherify's headers do not (Business and Organization count per minute).
  const hints = {
    planLimits: planLimits(plan),
    ...(request?.periodMs ? { requestPeriodMs: request.periodMs } : {}),
  };
  const readings: RequestWindowReading[] = [];
  const breaches: number[] = [];
  const dashboard: { at: number; used: number }[] = [];
  let sent = 0;
  let billable = 0;
  let lastProbeAt: number | null = null;
  let blocked: { type: string; windowId: string | null; retryAt: number | null } | null = null;
  let alerts: AlertState = emptyAlertState();
  const alarms: FirstCycleRun['alarms'] = [];
  const covered: FirstCycleRun['covered'] = [];
  const legacy = spec.model === 'before';

  const insightAt = (now: number): KeyInsight =>
    keyInsight({
      now,
      plan,
      cycle: { renewalDay: new Date(cycleStart).getUTCDate(), timeZone: 'UTC' },
      readings,
      cycleBreaches: breaches,
      dashboard,
      probesSent: sent,
      probesBillable: billable,
      lastProbeAt,
      blocked: blocked && blocked.retryAt !== null && blocked.retryAt > now ? blocked : null,
      budgetShare: 0.01,
      thresholdsPercent: [...THRESHOLDS],
      minIntervalMs: 5 * MINUTE_MS,
      maxIntervalMs: 12 * HOUR_MS,
      cone: false,
      ...(legacy ? { estimatorModel: { rhythmBackfill: false } } : {}),
    });

  const alertRound = (now: number, insight: KeyInsight) => {
    const gate = cycleGate(insight);
    const window = cycleAlertWindow(insight);
    const input: KeyAlertInput = {
      keyId: 'k',
      keyName: 'Key',
      windows: window ? [window] : [],
      blocked: null,
      forecast: gate?.forecast ?? null,
      cycleStart: insight.cycle.start,
      cycleEnd: insight.cycle.end,
      rules: alertRulesSchema.parse({ breachAlerts: false, recoveryAlerts: false }),
    };
    const before = alerts.keys.k;
    const est = insight.estimate;
    const seen = {
      low: Math.round(est?.low ?? 0),
      used: Math.round(est?.used ?? 0),
      high: Math.round(est?.high ?? 0),
      truth: engine.truth().cycleUsed,
      p: gate?.forecast?.probabilityRunOut ?? null,
      anchored: insight.anchored,
    };
    const r = evaluate(alerts, [input], now, DEFAULT_PREFS, ZONE);
    const ks = r.state.keys.k;
    if (ks) {
      for (const [id, f] of Object.entries(ks.thresholds)) {
        if (before?.thresholds[id] || f.muted) continue;
        alarms.push({
          what: Number(id.split('@')[1]),
          at: now,
          sinceStartMs: now - monitorFrom,
          borneOut: false,
          seen,
        });
      }
      const p = ks.predictive;
      if (p && p.pending && !(before?.predictive?.pending ?? false))
        alarms.push({ what: 'run-out', at: now, sinceStartMs: now - monitorFrom, borneOut: false, seen });
    }
    alerts = r.state;
    if (r.outgoing.length > 0)
      alerts = recordDelivery(
        alerts,
        r.outgoing.map((m) => m.id),
        { ok: true },
        now,
      );
  };

  let nextProbeAt = monitorFrom;
  let ranOutAt: number | null = null;
  const crossedAt: FirstCycleRun['crossedAt'] = {};
  const minutes = Math.min(TRACE_MINUTES, Math.round((truth0.cycleEnd - cycleStart) / MINUTE_MS));
  for (let m = 0; m < minutes; m++) {
    const t = cycleStart + m * MINUTE_MS;
    clock.set(t);
    if (spec.reading && dashboard.length === 0 && t >= monitorFrom) {
      dashboard.push({ at: t, used: engine.truth().cycleUsed });
    }
    // Probes at the scheduler's exact times; the minute's calls are spread evenly around them.
    const demand = trace.demand[m] ?? 0;
    let consumed = 0;
    while (nextProbeAt < t + MINUTE_MS) {
      const at = Math.max(t, nextProbeAt);
      const part = Math.round((demand * (at - t)) / MINUTE_MS) - consumed;
      if (part > 0) {
        clock.set(at);
        engine.consume(part);
        consumed += part;
      }
      clock.set(at);
      const res = engine.handle(PROBE);
      const parsed = parseResponse(res, { provider: 'voucherify', now: at, hints });
      const outcome = res.status < 300 ? 'ok' : res.status === 429 ? 'blocked' : 'unexpected';
      sent++;
      if (res.status < 300) billable++;
      lastProbeAt = at;
      const reading = legacy
        ? outcome === 'ok'
          ? windowReadingOf(parsed, outcome, at, null)
          : null
        : windowReadingOf(parsed, outcome, at, hourLimit ?? null);
      if (reading) readings.push(reading);
      if (parsed.blocked?.type === 'api_calls_cycle') breaches.push(at);
      blocked = parsed.blocked;
      const insight = insightAt(at);
      nextProbeAt = Math.max(at + 1_000, insight.schedule.at);
      alertRound(at, insight);
    }
    clock.set(t + MINUTE_MS - 1);
    if (demand - consumed > 0) engine.consume(demand - consumed);
    if (ranOutAt === null && engine.truth().cycleUsed >= limit) ranOutAt = t + MINUTE_MS - 1;
    for (const level of THRESHOLDS)
      if (crossedAt[level] === undefined && engine.truth().cycleUsed >= (level / 100) * limit)
        crossedAt[level] = t + MINUTE_MS - 1;
    // Checkpoints: every hour for the first two days of monitoring, then every six hours.
    const sinceStart = t + MINUTE_MS - monitorFrom;
    const every = sinceStart <= 2 * 24 * HOUR_MS ? 1 : 6;
    if ((m + 1) % (60 * every) === 0 && sinceStart > 0) {
      const end = t + MINUTE_MS;
      clock.set(end - 1);
      const insight = insightAt(end - 1);
      const truth = engine.truth().cycleUsed;
      const est = insight.estimate;
      covered.push({
        sinceStartMs: sinceStart,
        inBand: est !== null && truth >= est.low - 0.5 && truth <= est.high + 0.5,
        low: est?.low ?? Number.NaN,
        used: est?.used ?? Number.NaN,
        high: est?.high ?? Number.NaN,
        truth,
      });
      alertRound(end - 1, insight);
    }
  }
  const finalUsed = engine.truth().cycleUsed;
  for (const a of alarms)
    a.borneOut = a.what === 'run-out' ? finalUsed >= limit : finalUsed >= (a.what / 100) * limit;
  return { covered, alarms, probes: sent, finalUsed, limit, monitorFrom, ranOutAt, crossedAt };
}
