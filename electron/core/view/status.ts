// How bad a key looks, for the tray icon and the card: one status and the share left of its
// tightest window. Ordered by what the user must act on first.
import type { Forecast } from '../forecast/types';
import { usedFraction, type WindowView } from '../quota/model';
import type { ProbeOutcome } from '../probe-outcomes';
import { STATUS_RANK, type Status } from './status-words';

export { STATUSES, STATUS_RANK, statusWord, type Status } from './status-words';

/** Probe outcomes that mean the figures cannot be refreshed until the user or the network acts. */
export const FAILED_OUTCOMES: ReadonlySet<ProbeOutcome> = new Set([
  'unauthorized',
  'server-error',
  'timeout',
  'dns',
  'connection',
  'tls',
  'unexpected',
]);

export interface StatusInput {
  now: number;
  blocked: boolean;
  /** Outcome of the last probe, and whether a successful one came after it. */
  lastOutcome: ProbeOutcome | null;
  lastFailedAfterOk: boolean;
  /** Windows with figures (plan-only windows carry no usage and are ignored). */
  windows: readonly WindowView[];
  /** The billing cycle's estimated share used, when known. */
  cycleUsedFraction: number | null;
  forecast: Forecast | null;
  thresholdsPercent: readonly number[];
  lastOkAt: number | null;
  staleAfterMs: number;
}

export interface StatusResult {
  status: Status;
  /** 0..1 share left of the tightest window; null when nothing is known. */
  level: number | null;
  /** Id of the tightest window ('cycle' for the billing cycle). */
  tightest: string | null;
}

const DAY_MS = 86_400_000;

export function keyStatus(input: StatusInput): StatusResult {
  let worst: number | null = null;
  let tightest: string | null = null;
  for (const w of input.windows) {
    if (w.source === 'plan') continue;
    const f = w.exhausted ? 1 : usedFraction(w);
    if (f !== null && (worst === null || f > worst)) {
      worst = f;
      tightest = w.id;
    }
  }
  if (input.cycleUsedFraction !== null && (worst === null || input.cycleUsedFraction > worst)) {
    worst = input.cycleUsedFraction;
    tightest = 'cycle';
  }
  const level = worst === null ? null : Math.max(0, Math.min(1, 1 - worst));

  if (input.blocked) return { status: 'blocked', level: 0, tightest };
  if (input.lastOutcome !== null && input.lastFailedAfterOk && FAILED_OUTCOMES.has(input.lastOutcome)) {
    return { status: 'error', level, tightest };
  }
  const below100 = [...input.thresholdsPercent].filter((t) => t < 100).sort((a, b) => a - b);
  const warnAt = (below100[0] ?? 80) / 100;
  const critAt = below100.length > 1 ? (below100.at(-1) as number) / 100 : 0.95;
  const f = input.forecast;
  const runOutSoon = f?.status === 'ok' && f.runOutAt !== null && f.runOutAt - input.now < 2 * DAY_MS;
  const likelyRunOut = f?.status === 'ok' && (f.probabilityRunOut ?? 0) >= 0.5;
  if ((worst !== null && worst >= critAt) || (likelyRunOut && runOutSoon))
    return { status: 'critical', level, tightest };
  if ((worst !== null && worst >= warnAt) || likelyRunOut) return { status: 'warning', level, tightest };
  if (input.lastOkAt === null || input.now - input.lastOkAt > input.staleAfterMs)
    return { status: 'stale', level, tightest };
  return { status: 'ok', level, tightest };
}

/** The worst of several statuses (the tray shows this one). */
export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((a, s) => (STATUS_RANK[s] > STATUS_RANK[a] ? s : a), 'ok');
}
