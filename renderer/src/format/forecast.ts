// The billing cycle in words: how much is used (with its uncertainty), whether it lasts to renewal,
// and the pace that keeps it lasting. Every sentence rests on the service's estimate and forecast;
// nothing here invents a number.
import { riskOf } from '../../../electron/core/insight/risk';
import type { CycleView } from '../../../electron/ipc/contract';
import type { Fmt } from './locale';
import { formatCount, formatShare } from './numbers';
import { formatDay, formatDayRange, formatWhen } from './time';

export type Tone = 'ok' | 'warning' | 'critical' | 'unknown';

export interface Sentence {
  text: string;
  tone: Tone;
}

/** "≈ 3,200 of 10,000 used (3,050–3,400)"; the band is left out when it is a single value. */
export function cycleUsedText(fmt: Fmt, cycle: CycleView): string | null {
  const e = cycle.estimate;
  if (!e || e.basis === 'none') return null;
  // A band narrower than a call (a fresh dashboard reading, a breach) is an exact figure.
  const exact = e.high - e.low < 1;
  const used = `${exact ? '' : '≈ '}${formatCount(fmt, e.used)}`;
  const of = cycle.limit !== null ? ` of ${formatCount(fmt, cycle.limit)}` : '';
  const band =
    exact || formatCount(fmt, e.low) === formatCount(fmt, e.high)
      ? ''
      : ` (${formatCount(fmt, e.low)}–${formatCount(fmt, e.high)})`;
  return `${used}${of} used${band}`;
}

/** "6,800 left" (central estimate), or null when the limit or the estimate is unknown. */
export function cycleLeftText(fmt: Fmt, cycle: CycleView): string | null {
  const e = cycle.estimate;
  if (!e || e.basis === 'none' || cycle.limit === null) return null;
  return `${formatCount(fmt, Math.max(0, cycle.limit - e.used))} left`;
}

/**
 * "Runs out about 14 Dec · 72 % chance to run out, between 12 Dec and 17 Dec" or "Lasts to renewal
 * with about 23 % left". Without a probability, the forecaster's 80 % interval ("… – after renewal"
 * when its upper end is open).
 */
export function forecastSentence(fmt: Fmt, cycle: CycleView, now: number): Sentence {
  const e = cycle.estimate;
  const f = cycle.forecast;
  if (cycle.limit === null) return { text: 'No cycle limit known: set it in the plan', tone: 'unknown' };
  // A reading above the limit while the API still answers: the card asks about the plan instead.
  if (cycle.limitInDoubt) return { text: 'No forecast until the plan’s limit is confirmed', tone: 'unknown' };
  if (e && e.used >= cycle.limit) {
    // Proven by a refused call or an exact figure; otherwise the estimate's middle has reached the
    // limit while no call was refused: likely, not known (the next probe tells).
    if (e.basis === 'breach' || e.high - e.low < 1)
      return { text: `Cycle quota used up; renews ${formatDay(fmt, cycle.end)}`, tone: 'critical' };
    return {
      text: `Likely used up, no call refused yet; renews ${formatDay(fmt, cycle.end)}`,
      tone: 'warning',
    };
  }
  if (f?.status === 'ok' && f.probabilityRunOut === 1 && f.runOutAt !== null && f.runOutAt <= now)
    // A breach proved it: used up even when the estimate's middle is below the limit.
    return { text: `Cycle quota used up; renews ${formatDay(fmt, cycle.end)}`, tone: 'critical' };
  if (!e || e.basis === 'none' || !f || f.status === 'insufficient-data')
    return { text: firstForecastText(fmt, f, now), tone: 'unknown' };
  if (f.runOutAt !== null) {
    const at = Math.max(now, f.runOutAt);
    // The chance and the run-out range are the header's sentence (risk.ts): when it runs out if it
    // does, not the forecast's interval over every future, so the card and the header never give two
    // different ranges for the same key.
    const risk = riskOf(f, now, fmt);
    if (risk) return { text: `Runs out about ${formatDay(fmt, at)} · ${risk.text}`, tone: 'warning' };
    const low = f.low ?? at;
    const band =
      f.high === null
        ? `${formatDay(fmt, low)} – after renewal`
        : formatDayRange(fmt, Math.max(now, low), Math.max(now, f.high));
    return {
      text: `Runs out about ${formatDay(fmt, at)} (${formatShare(fmt, 0.8)}: ${band})`,
      tone: 'warning',
    };
  }
  // From a 20 % chance the risk replaces "lasts to renewal": the chance and the 80 % run-out range.
  const risk = riskSentence(fmt, cycle, now);
  if (risk) return { text: risk, tone: 'warning' };
  if (f.projectedAtCycleEnd !== null) {
    const leftShare = 1 - f.projectedAtCycleEnd / cycle.limit;
    return {
      text: `Lasts to renewal with about ${formatShare(fmt, Math.max(0, leftShare))} left`,
      tone: 'ok',
    };
  }
  return { text: 'Lasts to renewal', tone: 'ok' };
}

/**
 * When the forecaster needs more readings: "First forecast after ~9 h more readings, about 15:00", from
 * its own estimate of when it will have enough; the plain promise when it gave none.
 */
function firstForecastText(fmt: Fmt, f: CycleView['forecast'], now: number): string {
  // The probes left cannot measure enough before renewal (Free): only a reading can.
  if (f?.status === 'insufficient-data' && f.needsReading === true)
    return 'Too few probes this cycle to forecast: enter a dashboard reading';
  const at = f?.status === 'insufficient-data' ? f.readyAt : null;
  if (at === null || at === undefined || !Number.isFinite(at) || at <= now)
    return 'Forecast after a few hours of data';
  const hours = Math.max(1, Math.round((at - now) / 3_600_000));
  return `First forecast after ~${hours} h more readings, about ${formatWhen(fmt, at, now)}`;
}

/**
 * "39 % chance to run out, between 12 Dec and 18 Dec" (or "… and renewal"), from a 20 % risk: the
 * core's sentence (risk.ts), the same one the header and the headline use.
 */
export function riskSentence(fmt: Fmt, cycle: CycleView, now: number): string | null {
  return riskOf(cycle.forecast, now, fmt)?.text ?? null;
}

/** "35 % chance of running out before renewal", shown when the forecaster gives a probability. */
export function riskText(fmt: Fmt, cycle: CycleView): string | null {
  const p = cycle.forecast?.probabilityRunOut;
  if (p === null || p === undefined) return null;
  return `${formatShare(fmt, p)} chance of running out before renewal`;
}

/** "Safe pace 320 / day": what can be spent each day until renewal without running out. */
export function safeBudgetText(fmt: Fmt, cycle: CycleView): string | null {
  const b = cycle.forecast?.safeDailyBudget;
  if (b === null || b === undefined || cycle.limit === null) return null;
  // Nothing left: "Safe pace 0 / day" would only restate that; the forecast line says it is used up.
  const e = cycle.estimate;
  if (e && e.used >= cycle.limit) return null;
  // A pace of zero is the quota used up (a breach proved it): the forecast line says so.
  if (b <= 0) return null;
  if (b < 1) return 'Safe pace under 1 call / day';
  return `Safe pace ${formatCount(fmt, b)} / day`;
}
