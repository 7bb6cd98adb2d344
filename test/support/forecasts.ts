// A forecast that cannot be made yet, as the forecaster gives it (no readings), for the tests of what
// the views say then; `over` sets what a case needs (readyAt, needsReading).
import { forecastCycle } from '../../electron/core/forecast/forecaster';
import type { Forecast } from '../../electron/core/forecast/types';

const DAY = 86_400_000;

export function waitingForecast(over: Partial<Forecast> = {}): Forecast {
  const cycleStart = Date.UTC(2026, 10, 1);
  const f = forecastCycle({
    limit: 10_000,
    cycleStart,
    cycleEnd: cycleStart + 30 * DAY,
    now: cycleStart + DAY,
    samples: [],
    current: { at: cycleStart + DAY, used: 0 },
  });
  if (f.status !== 'insufficient-data') throw new Error('a forecast from no readings was made');
  return { ...f, ...over };
}
