// The request windows the integration's own answers reported, as readings for the cycle estimator:
// one per window, its fullest (counts only grow within a window). The headers count every call of the
// window, those that did not pass through Headroom included, so these are measured hours, free, even
// when the passive count itself is not exact. Without them a key watched through the proxy sends no
// probe, has no window reading, and its forecast had nothing to run on.
import type { RequestWindowReading } from '../cycle/estimator';
import type { PassiveAnswer } from './counting';

export function passiveWindowReadings(answers: readonly PassiveAnswer[]): RequestWindowReading[] {
  const fullest = new Map<number, { at: number; used: number; start: number; end: number }>();
  for (const a of answers) {
    const w = a.window;
    if (w === null) continue;
    // One window's answers may name its end a few ms apart (each corrected by its own Date header):
    // snapped to the minute (a quarter of a shorter window), they name one window, as they should.
    const period = w.end - w.start;
    const q = Math.min(60_000, period / 4);
    const end = Math.round(w.end / q) * q;
    const seen = fullest.get(end);
    if (seen === undefined || w.used > seen.used || (w.used === seen.used && a.at > seen.at))
      fullest.set(end, { at: a.at, used: w.used, start: end - period, end });
  }
  return [...fullest.values()]
    .sort((x, y) => x.end - y.end)
    .map((r) => ({
      observedAt: r.at,
      used: r.used,
      resetAt: r.end,
      periodMs: r.end - r.start,
      // Not a call of Headroom's: nothing of the monitor's to take out of this window for it.
      monitor: false,
    }));
}
