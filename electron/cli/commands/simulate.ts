// `simulate`: a Voucherify look-alike on 127.0.0.1 for the demo, the tests and the benchmarks.
// The first line is always `listening on http://127.0.0.1:PORT`, so scripts can read the address.
import { voucherifyPlan } from '../../core/plans/voucherify';
import { SIM_DIALECTS, SIM_PLAN_IDS, type SimPlanId } from '../../simulator/engine';
import { LOAD_KINDS } from '../../simulator/load';
import { SIMULATOR_DEFAULTS, startSimulator, TRUTH_PATH, type SimProject } from '../../simulator/server';
import { CliError, isoFlag, parseFlags, type CliCommand } from '../cli';

const USAGE =
  'simulate [--port N] [--plan free|startup|growth|professional|business|organization|sandbox] [--seed S] ' +
  '[--load none|steady|diurnal|bursty] [--speed X] [--app-id ID --app-token TOKEN] [--projects N] ' +
  '[--start ISO-8601] [--cycle-start ISO-8601] [--dialect voucherify|ietf|github]';

export const command: CliCommand = {
  summary:
    'Serves a simulated Voucherify project on 127.0.0.1 (quota headers, 429/401/402, a seeded load, a fast clock) until Ctrl-C.',
  usage: USAGE,
  async run(args, io) {
    const f = parseFlags(
      args,
      {
        port: { type: 'string' },
        plan: { type: 'string' },
        seed: { type: 'string' },
        load: { type: 'string' },
        speed: { type: 'string' },
        'app-id': { type: 'string' },
        'app-token': { type: 'string' },
        projects: { type: 'string' },
        start: { type: 'string' },
        'cycle-start': { type: 'string' },
        dialect: { type: 'string' },
      },
      USAGE,
    );
    const port = intFlag(f.port, 'port', 0, 65_535) ?? 0;
    const plan = oneOf(f.plan, 'plan', SIM_PLAN_IDS) ?? SIMULATOR_DEFAULTS.plan;
    const load = oneOf(f.load, 'load', LOAD_KINDS) ?? SIMULATOR_DEFAULTS.load;
    const dialect = oneOf(f.dialect, 'dialect', SIM_DIALECTS) ?? SIMULATOR_DEFAULTS.dialect;
    const seed = intFlag(f.seed, 'seed', 0, 2 ** 32 - 1) ?? SIMULATOR_DEFAULTS.seed;
    const count = intFlag(f.projects, 'projects', 1, 1000) ?? 1;
    const speed = f.speed === undefined ? SIMULATOR_DEFAULTS.speed : Number(f.speed);
    if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000_000)
      throw new CliError('--speed must be a number above 0 (1 = real time, 720 = a month in an hour)');
    if ((f['app-id'] === undefined) !== (f['app-token'] === undefined))
      throw new CliError('give both --app-id and --app-token, or neither (credentials are then generated)');
    if (f['app-id'] !== undefined && count > 1)
      throw new CliError('--app-id/--app-token name one project; leave them out with --projects');
    const start = isoFlag(f.start, 'start');
    const cycleStart = isoFlag(f['cycle-start'], 'cycle-start');

    const sim = await startSimulator({
      port,
      speed,
      ...(start !== undefined ? { start } : {}),
      plan,
      load,
      seed,
      dialect,
      projects: Array.from({ length: count }, () => ({
        ...(f['app-id'] !== undefined ? { appId: f['app-id'], appToken: f['app-token'] } : {}),
        ...(cycleStart !== undefined ? { cycleStart } : {}),
      })),
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        throw new CliError(`port ${port} is already in use; pick another or use 0`);
      throw err;
    });

    io.stdout(`listening on ${sim.url}\n`);
    for (const p of sim.projects) io.stdout(describeProject(p, sim.url));
    io.stdout(
      `plan ${describePlan(plan)}; load ${load}, seed ${seed}, speed ${speed}x; ` +
        `simulated time ${new Date(sim.clock.now()).toISOString()}\n`,
    );
    io.stdout(`ground truth: GET ${sim.url}${TRUTH_PATH} with the same credentials (not counted)\n`);
    io.stdout('press Ctrl-C to stop\n');

    await (io.interrupted ?? new Promise<void>(() => undefined));
    await sim.close();
    io.stdout(`stopped after ${sim.requests()} requests\n`);
    return 0;
  },
};

function describeProject(p: SimProject, url: string): string {
  if (!p.generated) return `project ${p.appId} (your credentials)\n`;
  // Generated credentials belong to this throwaway simulator only; printing them is how the user gets them.
  return [
    `app id: ${p.appId}`,
    `app token: ${p.appToken}`,
    `try: HEADROOM_TOKEN=${p.appToken} npm run --silent cli -- probe --provider voucherify --base-url ${url} --app-id ${p.appId} --token-env HEADROOM_TOKEN`,
    '',
  ].join('\n');
}

function describePlan(id: SimPlanId): string {
  const plan = voucherifyPlan(id);
  const parts = plan.windows.map((w) => {
    switch (w.id) {
      case 'api_calls':
        return `${w.limit} requests/${w.kind === 'requests-minute' ? 'minute' : 'hour'}`;
      case 'bulk_api_calls':
        return `${w.limit} bulk/hour`;
      case 'api_calls_cycle':
        return `${w.limit} per cycle`;
      default:
        return `${w.limit} webhooks/day`;
    }
  });
  return `${plan.name} (${parts.join(', ')})`;
}

function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(
      `--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value.slice(0, 40))}`,
    );
  return value as T;
}

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
