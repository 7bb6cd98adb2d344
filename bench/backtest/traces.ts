// 30-day demand traces, one count per minute: synthetic scenarios with seeded noise, scaled to a
// plan's cycle quota so that some run out and some do not. Every method replays the same counts.
import { mulberry32, normalSource, poisson, type Rng } from '../../electron/core/random';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const TRACE_DAYS = 30;
export const TRACE_MINUTES = TRACE_DAYS * 1440;

export const SCENARIOS = [
  'steady',
  'diurnal-weekly',
  'bursty',
  'pace-doubling',
  'spike-then-quiet',
  'growth',
  'never-runs-out',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface Trace {
  /** e.g. "steady#3" or "nyc_taxi@2014-08-01". */
  name: string;
  family: string;
  /** Calls the integration wants to make in each minute of the cycle (before any limit refuses them). */
  demand: Int32Array;
  /** Weekday (0 = Sunday) of the cycle's first day, for placing the rhythm. */
  startWeekday: number;
}

/** A daily curve: quiet at night, busy in the afternoon (local = UTC here). */
export function diurnal(hourOfDay: number, amplitude: number): number {
  const x = ((hourOfDay - 15) / 24) * 2 * Math.PI;
  return Math.max(0.05, 1 + amplitude * Math.cos(x));
}

function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

/**
 * The expected calls per minute of a scenario (before noise), as a shape; scaled afterwards.
 * `rng` draws the scenario's own parameters (when the pace changes, how big the spike is).
 */
function shape(scenario: Scenario, rng: Rng, startWeekday: number): Float64Array {
  const out = new Float64Array(TRACE_MINUTES);
  const amp = uniform(rng, 0.5, 0.9);
  const weekend = uniform(rng, 0.35, 0.7);
  const rhythm = (m: number) => {
    const hour = Math.floor(m / 60) % 24;
    const wd = (startWeekday + Math.floor(m / 1440)) % 7;
    return diurnal(hour + (m % 60) / 60, amp) * (wd === 0 || wd === 6 ? weekend : 1);
  };
  switch (scenario) {
    case 'steady':
      out.fill(1);
      break;
    case 'diurnal-weekly':
    case 'never-runs-out':
      for (let m = 0; m < TRACE_MINUTES; m++) out[m] = rhythm(m);
      break;
    case 'bursty': {
      for (let m = 0; m < TRACE_MINUTES; m++) out[m] = rhythm(m);
      // Campaigns: a few hours to a day and a half at several times the base.
      const campaigns = 2 + Math.floor(rng() * 4);
      for (let c = 0; c < campaigns; c++) {
        const start = Math.floor(rng() * (TRACE_MINUTES - 600));
        const length = Math.floor(uniform(rng, 3, 36) * 60);
        const boost = uniform(rng, 3, 10);
        for (let m = start; m < Math.min(TRACE_MINUTES, start + length); m++)
          out[m] = (out[m] as number) * boost;
      }
      break;
    }
    case 'pace-doubling': {
      const change = Math.floor(uniform(rng, 8, 20) * 1440);
      const factor = uniform(rng, 1.8, 2.4);
      for (let m = 0; m < TRACE_MINUTES; m++) out[m] = rhythm(m) * (m >= change ? factor : 1);
      break;
    }
    case 'spike-then-quiet': {
      const spikeStart = Math.floor(uniform(rng, 2, 6) * 1440);
      const spikeLength = Math.floor(uniform(rng, 1, 3) * 1440);
      const spike = uniform(rng, 4, 8);
      const quiet = uniform(rng, 0.3, 0.6);
      for (let m = 0; m < TRACE_MINUTES; m++) {
        const f = m < spikeStart ? 1 : m < spikeStart + spikeLength ? spike : quiet;
        out[m] = rhythm(m) * f;
      }
      break;
    }
    case 'growth': {
      const end = uniform(rng, 2, 3.5);
      for (let m = 0; m < TRACE_MINUTES; m++) out[m] = rhythm(m) * (1 + ((end - 1) * m) / TRACE_MINUTES);
      break;
    }
  }
  return out;
}

/** Share of the cycle quota the month's demand adds up to, per scenario (run out or not). */
const SHARE: Record<Scenario, readonly [number, number]> = {
  steady: [0.75, 1.3],
  'diurnal-weekly': [0.75, 1.3],
  bursty: [0.7, 1.3],
  'pace-doubling': [0.8, 1.4],
  'spike-then-quiet': [0.7, 1.2],
  growth: [0.8, 1.4],
  'never-runs-out': [0.35, 0.7],
};

/**
 * Noise on top of the shape: an hour-to-hour wobble (AR(1) in log, sd ~0.25), a day-to-day one
 * (sd 0.1), and Poisson counts per minute.
 */
export function realise(expected: Float64Array, seed: number, noise = true): Int32Array {
  const rng = mulberry32(seed);
  const normal = normalSource(rng);
  const out = new Int32Array(expected.length);
  let hourNoise = 0;
  let dayNoise = 0;
  for (let m = 0; m < expected.length; m++) {
    if (noise && m % 1440 === 0) dayNoise = 0.1 * normal();
    if (noise && m % 60 === 0) hourNoise = 0.6 * hourNoise + 0.2 * normal();
    out[m] = poisson(
      rng,
      normal,
      (expected[m] as number) * (noise ? Math.exp(hourNoise + dayNoise - 0.04) : 1),
    );
  }
  return out;
}

/** Scales a shape so that the month adds up to `total` calls. */
export function scaleTo(shapeArr: Float64Array, total: number): Float64Array {
  let sum = 0;
  for (const v of shapeArr) sum += v;
  const k = sum > 0 ? total / sum : 0;
  const out = new Float64Array(shapeArr.length);
  for (let i = 0; i < shapeArr.length; i++) out[i] = (shapeArr[i] as number) * k;
  return out;
}

export function syntheticTrace(
  scenario: Scenario,
  seed: number,
  cycleLimit: number,
  startWeekday: number,
): Trace {
  const rng = mulberry32(seed * 7919 + SCENARIOS.indexOf(scenario) * 104_729);
  const s = shape(scenario, rng, startWeekday);
  const [a, b] = SHARE[scenario];
  const share = uniform(rng, a, b);
  return {
    name: `${scenario}#${seed}`,
    family: scenario,
    demand: realise(scaleTo(s, share * cycleLimit), seed * 31 + 17),
    startWeekday,
  };
}
