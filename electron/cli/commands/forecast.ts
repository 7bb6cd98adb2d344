// `forecast < input.json`: when does the cycle quota run out? Reads
// {"limit", "cycleStart", "cycleEnd", "now", "observations": [{"at", "used"}], "timeZone"?} (cumulative
// cycle usage at each time, ISO 8601 times) and prints {"status", "runOutAt", "low", "high",
// "probabilityRunOut", "projectedAtCycleEnd", "safeDailyBudget"}. `status` says what a null
// `runOutAt` means: "lasts" (no run-out before cycleEnd) or "insufficient-data" (no answer yet). Readings it had to set aside are
// noted on stderr, one line each; the JSON on stdout is only the answer.
import { z } from 'zod';
import { isValidTimeZone } from '../../core/time/zoned';
import { forecastCycle, pointSeries } from '../../core/forecast/forecaster';
import { CliError, iso, parseFlags, printJson, readJsonStdin, type CliCommand } from '../cli';
import { describeIssue } from '../issue-words';

const USAGE =
  'forecast < {"limit", "cycleStart", "cycleEnd", "now", "observations": [{"at", "used"}], "timeZone"?}';
const MAX_OBSERVATIONS = 100_000;

const isoTime = z
  .string()
  .max(64)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'is not an ISO 8601 time (e.g. 2026-04-01T00:00:00Z)',
  })
  .transform((s) => Date.parse(s));

export const forecastInputSchema = z
  .object({
    limit: z.number().finite().positive(),
    cycleStart: isoTime,
    cycleEnd: isoTime,
    now: isoTime,
    observations: z
      .array(z.object({ at: isoTime, used: z.number().finite().nonnegative() }).strict())
      .max(MAX_OBSERVATIONS),
    timeZone: z.string().refine(isValidTimeZone, { message: 'is not a known IANA time zone' }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.cycleEnd <= v.cycleStart)
      ctx.addIssue({ code: 'custom', path: ['cycleEnd'], message: 'must be after cycleStart' });
    else if (v.now < v.cycleStart || v.now > v.cycleEnd)
      ctx.addIssue({
        code: 'custom',
        path: ['now'],
        message: 'must be within the cycle (cycleStart..cycleEnd)',
      });
  });
export type ForecastCliInput = z.output<typeof forecastInputSchema>;

const round = (x: number | null, digits = 0) => {
  if (x === null || !Number.isFinite(x)) return null;
  const k = 10 ** digits;
  return Math.round(x * k) / k;
};

/** The answer in one word, so that `runOutAt: null` is never ambiguous. */
export type ForecastCliStatus = 'lasts' | 'runs-out' | 'ran-out' | 'insufficient-data';

function statusOf(insufficient: boolean, runOutAt: number | null, now: number): ForecastCliStatus {
  if (insufficient) return 'insufficient-data';
  if (runOutAt === null) return 'lasts';
  return runOutAt <= now ? 'ran-out' : 'runs-out';
}

/** The forecast for a CLI input, as the CLI prints it (ISO times, rounded figures), plus notes. */
export function runForecast(input: ForecastCliInput) {
  const series = pointSeries(input.observations, input.cycleStart, input.now, input.limit);
  const current = series.current ?? { at: input.cycleStart, used: 0 };
  const f = forecastCycle({
    limit: input.limit,
    cycleStart: input.cycleStart,
    cycleEnd: input.cycleEnd,
    now: input.now,
    samples: series.samples,
    current,
    ranOutAt: series.ranOutAt,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    // Three readings at least, counting the cycle start (0 calls): two of the user's.
    options: { minSamples: 2 },
  });
  return {
    output: {
      status: statusOf(f.status === 'insufficient-data', f.runOutAt, input.now),
      runOutAt: iso(f.runOutAt),
      low: iso(f.low),
      high: iso(f.high),
      probabilityRunOut: round(f.probabilityRunOut, 3),
      projectedAtCycleEnd: round(f.projectedAtCycleEnd),
      safeDailyBudget: f.safeDailyBudget === null ? null : Math.floor(f.safeDailyBudget),
    },
    notes: [...series.ignored, ...(f.status === 'insufficient-data' && f.reason ? [f.reason] : [])],
  };
}

export const command: CliCommand = {
  summary:
    'Reads cumulative cycle usage readings on stdin and prints when the cycle quota runs out, with an 80 % interval.',
  usage: USAGE,
  details: [
    'prints {"status", "runOutAt", "low", "high", "probabilityRunOut", "projectedAtCycleEnd", "safeDailyBudget"}',
    '  status   lasts | runs-out | ran-out | insufficient-data (then every figure is null)',
    '  runOutAt when the cycle quota runs out; null when status is lasts or insufficient-data',
  ].join('\n'),
  async run(args, io) {
    parseFlags(args, {}, USAGE);
    const doc = await readJsonStdin(io);
    const parsed = forecastInputSchema.safeParse(doc);
    if (!parsed.success)
      throw new CliError(`stdin is not a forecast input: ${describeIssue(parsed.error, doc)}`);
    const { output, notes } = runForecast(parsed.data);
    for (const note of notes.slice(0, 20)) io.stderr(`headroom forecast: note: ${note}\n`);
    if (notes.length > 20)
      io.stderr(`headroom forecast: note: ${notes.length - 20} more readings set aside\n`);
    printJson(io, output);
    return 0;
  },
};
