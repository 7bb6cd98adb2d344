// One key as the views show it: built from its configuration, what was observed and concluded.
// Pure; the service calls it to publish AppState. Secrets never enter: only the configuration
// (which holds none) and figures.
import { baseUrlOf, VOUCHERIFY_REGIONS, type KeyConfig } from '../config/settings';
import { cycleGate } from '../insight/cycle-gate';
import type { KeyInsight } from '../insight/key-insight';
import {
  clockSkew,
  clockSkewPrompt,
  duplicatePrompt,
  planMismatch,
  planMismatchPrompt,
  readingAboveLimitPrompt,
  withoutSkewedResets,
  type KeyPrompt,
} from '../insight/prompts';
import { runOutRisk } from '../insight/risk';
import type { Plan } from '../plans/plan';
import type { ProbeOutcome } from '../probe-outcomes';
import { usedFraction, type WindowView } from '../quota/model';
import { activeBlock, viewWindows, type KeyQuotaState } from '../quota/state';
import type { CycleView, KeyView, ProbeSummary } from './app-state';
import type { Formatter } from './format';
import { blockPhrase } from './limit-words';
import { keyStatus } from './status';

export interface KeyViewInput {
  config: KeyConfig;
  quota: KeyQuotaState;
  history: CycleView['history'];
  dashboard: readonly { at: number; used: number }[];
  lastProbe: ProbeSummary | null;
  lastOkAt: number | null;
  /** When the current block was first seen. */
  blockedSince: number | null;
  plan: Plan | null;
  insight: KeyInsight | null;
  /** The monitor's probes this cycle and the budget. */
  monitor: { callsThisCycle: number; budgetCalls: number | null };
  probing: boolean;
  /** Next automatic probe, when one is scheduled. */
  nextProbe: { at: number; reason: string } | null;
  now: number;
  fmt: Formatter;
  staleAfterMs: number;
  /** Other keys that monitor the same project (prompts.ts duplicateKeys); absent = none. */
  duplicates?: readonly { id: string; name: string }[];
}

const PROVIDER_NAMES: Record<KeyConfig['connection']['provider'], string> = {
  voucherify: 'Voucherify',
  zoho: 'Zoho CRM',
  generic: 'API',
};

export function buildKeyView(input: KeyViewInput): KeyView {
  const { config, now, fmt } = input;
  const block = activeBlock(input.quota, now);
  const seen = viewWindows(input.quota, input.plan, now, { staleAfterMs: input.staleAfterMs }).filter(
    (w) => w.kind !== 'billing-cycle',
  );
  // A reset further ahead than its window is long means a clock is off: no countdown as fact.
  const skew = clockSkew(seen, input.quota.clockSkewMs, now);
  const windows = withoutSkewedResets(seen, skew?.windowIds ?? []);
  const cycle = cycleView(input);
  // Unanchored, the status follows the band's low end (cycle-gate.ts): no Critical from inferred days.
  const gate = cycleGate(input.insight);
  const cycleFraction = gate && gate.limit > 0 ? Math.min(1, gate.used / gate.limit) : null;
  const last = input.lastProbe;
  const { status, level, tightest } = keyStatus({
    now,
    blocked: block !== null,
    lastOutcome: last?.outcome ?? null,
    lastFailedAfterOk: last !== null && (input.lastOkAt === null || last.at > input.lastOkAt),
    windows,
    cycleUsedFraction: cycleFraction,
    forecast: gate ? gate.forecast : (input.insight?.forecast ?? null),
    thresholdsPercent: config.thresholds,
    lastOkAt: input.lastOkAt,
    staleAfterMs: input.staleAfterMs,
  });
  const problem = status === 'error' && last ? problemFor(last.outcome, config) : null;

  return {
    id: config.id,
    name: config.name,
    provider: config.connection.provider,
    providerName: PROVIDER_NAMES[config.connection.provider],
    location: locationOf(config),
    maskedCredentials: maskedCredentials(config),
    demo: config.demo,
    planName: input.plan?.name ?? null,
    status,
    ...headline({
      status,
      tightest,
      windows,
      cycle,
      block,
      problem,
      lastOkAt: input.lastOkAt,
      now,
      fmt,
    }),
    level,
    windows,
    cycle,
    blocked: block ? { ...block, since: input.blockedSince ?? now } : null,
    lastProbe: last,
    nextProbe: input.nextProbe,
    probing: input.probing,
    problem,
    monitor: input.monitor,
    thresholds: [...config.thresholds],
    cycleSettings: config.cycle,
    plan: config.plan,
    connection: config.connection,
    prompts: keyPrompts(input, windows, skew),
    risk: runOutRisk(cycle?.forecast ?? null, now, fmt),
  };
}

function keyPrompts(
  input: KeyViewInput,
  windows: readonly WindowView[],
  skew: ReturnType<typeof clockSkew>,
): KeyPrompt[] {
  const prompts: KeyPrompt[] = [];
  const above = input.insight?.readingAboveLimit;
  if (above && input.insight?.cycleLimit != null)
    prompts.push(
      readingAboveLimitPrompt(above, input.insight.cycleLimit, input.plan?.name ?? null, input.fmt),
    );
  const mismatch = planMismatch(input.config.plan, input.plan, windows);
  if (mismatch) prompts.push(planMismatchPrompt(mismatch, input.plan?.name ?? null, input.fmt));
  if (skew) prompts.push(clockSkewPrompt(skew));
  if (input.duplicates && input.duplicates.length > 0) prompts.push(duplicatePrompt(input.duplicates));
  return prompts;
}

function cycleView(input: KeyViewInput): CycleView | null {
  const insight = input.insight;
  if (!insight || insight.cycleLimit === null) return null;
  const { start, end } = insight.cycle;
  const overridden = input.config.plan.overrides?.api_calls_cycle !== undefined;
  const readings = input.dashboard.filter((r) => r.at >= start && r.at <= input.now);
  return {
    start,
    end,
    limit: insight.cycleLimit,
    limitSource: overridden ? 'user' : 'plan',
    estimate: insight.estimate,
    forecast: insight.forecast,
    history: input.history.filter((p) => p.at >= start && p.at <= input.now),
    cone: insight.cone,
    lastReading: readings.at(-1) ?? null,
    anchored: insight.anchored,
    dashboardUrl: input.config.connection.provider === 'voucherify' ? VOUCHERIFY_DASHBOARD : null,
    ...(insight.readingAboveLimit ? { limitInDoubt: true } : {}),
  };
}

/** Where a Voucherify user reads the cycle's API calls (allowed by the shell's external-link list). */
const VOUCHERIFY_DASHBOARD = 'https://app.voucherify.io';

function locationOf(config: KeyConfig): string {
  const c = config.connection;
  if (config.demo) return 'Simulated, on this computer';
  if (c.provider === 'voucherify' && c.region !== 'custom') {
    const names = { eu: 'EU', us1: 'US', as1: 'Asia' } as const;
    return `${names[c.region]} (${new URL(VOUCHERIFY_REGIONS[c.region]).host})`;
  }
  try {
    return new URL(baseUrlOf(c)).host;
  } catch {
    return baseUrlOf(c);
  }
}

/** "App ID 3f9a…c21d · token stored". Never any part of the secret. */
export function maskedCredentials(config: KeyConfig): string {
  const c = config.connection;
  if (c.provider === 'voucherify') {
    const id = c.appId.length > 10 ? `${c.appId.slice(0, 4)}…${c.appId.slice(-4)}` : c.appId;
    return `${c.clientSide ? 'Client ID' : 'App ID'} ${id} · token ••••••••`;
  }
  if (c.provider === 'zoho') {
    if (!c.clientId) return 'OAuth access token ••••••••';
    const id = c.clientId.length > 12 ? `${c.clientId.slice(0, 5)}…${c.clientId.slice(-4)}` : c.clientId;
    return `Client ID ${id} · secret and refresh token ••••••••`;
  }
  return `${c.authHeader}: ${c.authScheme ? `${c.authScheme} ` : ''}••••••••`;
}

const PROBLEMS: Partial<Record<ProbeOutcome, (c: KeyConfig) => { title: string; action: string }>> = {
  unauthorized: (c) => ({
    title: 'The key was rejected',
    action:
      c.connection.provider === 'voucherify'
        ? 'Check the App ID and token (Edit key), and that they belong to this region.'
        : c.connection.provider === 'zoho'
          ? 'Zoho refused the OAuth credentials: the last probe says why. Check the Client ID, client secret, refresh token and data centre (Edit key).'
          : 'Check the credentials (Edit key).',
  }),
  dns: () => ({
    title: 'The server could not be found',
    action: 'Check your network connection and the base URL.',
  }),
  connection: () => ({
    title: 'Could not connect',
    action: 'Check your network connection, VPN or proxy; Headroom retries at the next check.',
  }),
  tls: () => ({
    title: 'The secure connection failed',
    action: 'Check the base URL uses https, or whether a proxy intercepts traffic.',
  }),
  timeout: () => ({
    title: 'No answer in time',
    action: 'The network or the API is slow; Headroom retries at the next check.',
  }),
  'server-error': () => ({
    title: 'The provider had an error',
    action: 'Usually passes on its own; Headroom retries at the next check.',
  }),
  unexpected: () => ({
    title: 'That is not the API answering',
    action: 'Check the base URL and region (Edit key).',
  }),
};

function problemFor(outcome: ProbeOutcome, config: KeyConfig): { title: string; action: string } | null {
  return PROBLEMS[outcome]?.(config) ?? null;
}

interface HeadlineInput {
  status: KeyView['status'];
  tightest: string | null;
  windows: readonly WindowView[];
  cycle: CycleView | null;
  block: ReturnType<typeof activeBlock>;
  problem: { title: string } | null;
  lastOkAt: number | null;
  now: number;
  fmt: Formatter;
}

/**
 * The one line that matters most about a key, for the tooltip and the card header, and whether it
 * ends with the run-out risk (so the popover's header does not say it twice).
 */
function headline(h: HeadlineInput): Pick<KeyView, 'headline' | 'headlineTellsRisk'> {
  const line = headlineText(h);
  return { headline: line.text, headlineTellsRisk: line.tellsRisk };
}

function headlineText(h: HeadlineInput): { text: string; tellsRisk: boolean } {
  const { fmt, now } = h;
  const plain = (text: string) => ({ text, tellsRisk: false });
  if (h.block) {
    const what = blockPhrase(h.block.type);
    return plain(
      h.block.retryAt === null
        ? `Blocked: ${what}`
        : `Blocked: ${what} · retry ${fmt.until(h.block.retryAt, now)}`,
    );
  }
  if (h.status === 'error' && h.problem) return plain(h.problem.title);
  if (h.tightest === 'cycle' && h.cycle?.estimate && h.cycle.limit) {
    const left = Math.max(0, 1 - h.cycle.estimate.used / h.cycle.limit);
    const f = h.cycle.forecast;
    // From a 20 % chance, the risk and the 80 % range of the run-out day (risk.ts), never "lasts".
    const risk = runOutRisk(f, now, fmt);
    const tail =
      f?.status !== 'ok'
        ? ''
        : risk
          ? ` · ${risk.text}`
          : f.runOutAt !== null
            ? ` · runs out about ${fmt.day(f.runOutAt)}`
            : ' · lasts to renewal';
    const exact = h.cycle.estimate.high - h.cycle.estimate.low < 1;
    return {
      text: `Cycle: ${exact ? '' : 'about '}${fmt.percent(left)} left${tail}`,
      tellsRisk: f?.status === 'ok' && risk !== null,
    };
  }
  const w = h.windows.find((x) => x.id === h.tightest) ?? h.windows.find((x) => x.source !== 'plan');
  if (w && w.limit !== null && w.remaining !== null) {
    const f = usedFraction(w);
    const reset = w.resetAt !== null ? ` · resets ${fmt.moment(w.resetAt, now)}` : '';
    const pct = f === null ? '' : ` (${fmt.percent(1 - f)})`;
    return plain(`${w.label}: ${fmt.count(w.remaining)} of ${fmt.count(w.limit)} left${pct}${reset}`);
  }
  if (h.lastOkAt === null) return plain('Not checked yet');
  return plain('No quota figures in the last answer');
}
