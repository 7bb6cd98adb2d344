// The run-out risk in words, whenever it is worth saying: from a 20 % chance of running out before
// renewal, the card and the header give the chance and the 80 % range of the run-out day instead of a
// reassuring "lasts to renewal with about 4 % left".
import type { Forecast } from '../forecast/types';
import type { Formatter } from '../view/format';

/** Chance of running out from which the risk is spelled out. */
export const RISK_SHOWN = 0.2;

export interface RunOutRisk {
  probability: number;
  low: number | null;
  high: number | null;
  text: string;
}

/** "39 % chance to run out, between 12 Dec and 18 Dec"; null below 20 % or without a forecast. */
export function runOutRisk(forecast: Forecast | null, now: number, fmt: Formatter): RunOutRisk | null {
  const p = forecast?.status === 'ok' ? forecast.probabilityRunOut : null;
  if (!forecast || p === null || p < RISK_SHOWN) return null;
  const low = forecast.low === null ? null : Math.max(now, forecast.low);
  const high = forecast.high === null ? null : Math.max(now, forecast.high);
  let when = '';
  if (low !== null) {
    const a = fmt.day(low);
    // An open upper end: if it runs out at all, it does so before renewal.
    const b = high === null ? 'renewal' : fmt.day(high);
    when = a === b ? `, about ${a}` : `, between ${a} and ${b}`;
  }
  return { probability: p, low, high, text: `${fmt.percent(p)} chance to run out${when}` };
}
