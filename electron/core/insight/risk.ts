// The run-out risk in words, whenever it is worth saying: from a 20 % chance of running out before
// renewal, the card and the header give the chance and the 80 % range of the run-out day instead of a
// reassuring "lasts to renewal with about 4 % left".
import type { Forecast } from '../forecast/types';
import { formatDay, formatShare, type Fmt } from '../text/format';
import type { Formatter } from '../view/format';

/** Chance of running out from which the risk is spelled out. */
export const RISK_SHOWN = 0.2;

export interface RunOutRisk {
  probability: number;
  low: number | null;
  high: number | null;
  text: string;
}

/**
 * The risk in words: "39 % chance to run out, between 12 Dec and 18 Dec". The one sentence the card,
 * the header and the headline share, so they read the same in the same locale.
 */
export function riskWords(fmt: Fmt, risk: Pick<RunOutRisk, 'probability' | 'low' | 'high'>): string {
  let when = '';
  if (risk.low !== null) {
    const a = formatDay(fmt, risk.low);
    // An open upper end: if it runs out at all, it does so before renewal.
    const b = risk.high === null ? 'renewal' : formatDay(fmt, risk.high);
    when = a === b ? `, about ${a}` : `, between ${a} and ${b}`;
  }
  return `${formatShare(fmt, risk.probability)} chance to run out${when}`;
}

/** The risk from a forecast, formatted with fmt; null below 20 % or without a forecast. */
export function riskOf(forecast: Forecast | null, now: number, fmt: Fmt): RunOutRisk | null {
  const p = forecast?.status === 'ok' ? forecast.probabilityRunOut : null;
  if (!forecast || p === null || p === undefined || p < RISK_SHOWN) return null;
  // "Between A and B" says when it runs out if it does: the range among the futures that run out,
  // not the forecast's 80 % interval, whose low end moves with P when the high end is past renewal.
  const range = forecast.whenRunsOut ?? { low: forecast.low, high: forecast.high };
  const low = range.low === null ? null : Math.max(now, range.low);
  const high = range.high === null ? null : Math.max(now, range.high);
  return { probability: p, low, high, text: riskWords(fmt, { probability: p, low, high }) };
}

/** "39 % chance to run out, between 12 Dec and 18 Dec"; null below 20 % or without a forecast. */
export function runOutRisk(forecast: Forecast | null, now: number, fmt: Formatter): RunOutRisk | null {
  return riskOf(forecast, now, fmt.fmt);
}
