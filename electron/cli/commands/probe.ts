// `probe`: one real request for one key, its quota read from the answer. Secrets come from an
// environment variable or stdin, never from argv (argv shows in `ps` and in shell history).
// The exit code says what happened, one code per outcome (see EXIT_CODES).
import { isFreeGithubProbe } from '../../core/providers/github';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ParseHints } from '../../core/providers/profile';
import { CLI_PLANS, planHints } from '../plan-hints';
import { cycleBounds, cycleSpecFrom } from '../../core/cycle/bounds';
import { probe, type ProbeOutcome, type ProbeResult } from '../../probe/probe';
import { redact } from '../../probe/redact';
import {
  emptyLedger,
  readLedger,
  recordProbe,
  retryAtFor,
  spendAt,
  type CycleSpend,
  type SpendLedger,
} from '../../probe/spend';
import {
  makeTarget,
  PROBE_PROVIDERS,
  TargetError,
  VOUCHERIFY_REGIONS,
  ZOHO_DATA_CENTRES,
  zohoBaseUrl,
  type Credentials,
  type ProbeProvider,
  type VoucherifyRegion,
  type ZohoDataCentre,
} from '../../probe/targets';
import {
  CliError,
  firstLine,
  iso,
  isoFlag,
  parseFlags,
  printJson,
  type CliCommand,
  type CliIO,
} from '../cli';
import { parseResultJson } from '../json';

/** One exit code per outcome; 1 = Headroom's own error, 2 = a usage error. */
export const EXIT_CODES: Record<ProbeOutcome, number> = {
  ok: 0,
  unauthorized: 3,
  blocked: 4,
  'plan-exceeded': 5,
  'server-error': 6,
  timeout: 7,
  dns: 8,
  connection: 9,
  tls: 10,
  unexpected: 11,
  deferred: 12,
};

const USAGE =
  'probe --provider voucherify|zoho|generic [--base-url URL | --region eu|us1|as1 | --dc com|eu|in|com.au|com.cn|jp|ca|sa] ' +
  '[--app-id ID | --client-id ID] (--token-env VAR | --token-stdin) [--auth-header NAME] [--path P] [--method M] ' +
  '[--timeout-ms N] [--plan PLAN] [--ledger FILE] [--key-id ID] [--cycle-start ISO-8601] [--json]';

/** Flags that would carry a secret on the command line: refused by name, the value never echoed. */
const SECRET_FLAGS = /^--?(token|app-token|client-token|secret|password|api-key|key)(=|$)/;

export const command: CliCommand = {
  summary: 'Sends one request for a key and prints its quota, status and latency (exit code per outcome).',
  usage: USAGE,
  details: [
    'options:',
    '  --provider P          voucherify (default), zoho or generic',
    '  --base-url URL        where to send the request; or --region (Voucherify) / --dc (Zoho)',
    '  --app-id ID           a Voucherify server-side key; --client-id ID for a client-side one',
    '  --token-env VAR       read the secret from this environment variable; or --token-stdin',
    '  --auth-header NAME    generic: the header that carries the token (default Authorization)',
    "  --path P              the path to request (default: the provider's cheapest; generic: /)",
    '  --method M            the HTTP method, GET (default) or HEAD',
    '  --timeout-ms N        give up after N ms (default 10000)',
    `  --plan PLAN           a Voucherify plan (${CLI_PLANS.join(', ')}): hourly or per-minute window`,
    "  --ledger FILE         count this call in FILE, per key and billing cycle; refuse before a 429's retry time",
    "  --key-id ID           the key's name in the ledger (default: provider:host[:app id])",
    '  --cycle-start ISO     any past renewal time of the billing cycle (day, hour and minute are used);',
    '                        the ledger counts calls per cycle from it (default: the 1st, 00:00 UTC)',
    '  --json                print JSON instead of text',
  ].join('\n'),
  async run(args, io) {
    if (args.some((a) => SECRET_FLAGS.test(a)))
      throw new CliError(
        'secrets are never read from the command line (they would show in ps and shell history): ' +
          'use --token-env VAR or --token-stdin',
      );
    const f = parseProbeFlags(args, {
      provider: { type: 'string' },
      'base-url': { type: 'string' },
      region: { type: 'string' },
      dc: { type: 'string' },
      'app-id': { type: 'string' },
      'client-id': { type: 'string' },
      'token-env': { type: 'string' },
      'token-stdin': { type: 'boolean' },
      'auth-header': { type: 'string' },
      path: { type: 'string' },
      method: { type: 'string' },
      'timeout-ms': { type: 'string' },
      plan: { type: 'string' },
      ledger: { type: 'string' },
      'key-id': { type: 'string' },
      'cycle-start': { type: 'string' },
      json: { type: 'boolean' },
    });
    const provider = oneOf(f.provider ?? 'voucherify', 'provider', PROBE_PROVIDERS) as ProbeProvider;
    const baseUrl = baseUrlOf(provider, f['base-url'], f.region, f.dc);
    const timeoutMs =
      f['timeout-ms'] === undefined ? undefined : intFlag(f['timeout-ms'], 'timeout-ms', 1, 300_000);
    const hints = hintsOf(provider, f.plan);
    const cycleAnchor = isoFlag(f['cycle-start'], 'cycle-start');
    const secret = await readSecret(f['token-env'], f['token-stdin'] ?? false, io);
    const credentials = credentialsOf(provider, secret, f['app-id'], f['client-id'], f['auth-header']);

    let target;
    try {
      target = makeTarget({
        provider,
        credentials,
        ...(baseUrl !== undefined ? { baseUrl } : {}),
        ...(f.path !== undefined ? { path: f.path } : {}),
        ...(f.method !== undefined ? { method: f.method } : {}),
        ...(f['key-id'] !== undefined ? { keyId: f['key-id'] } : {}),
        ...(hints ? { hints } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    } catch (err) {
      if (err instanceof TargetError) throw new CliError(redact(err.message, [secret]));
      throw err;
    }

    // The ledger is read (and a corrupted one refused) before any quota is spent.
    const ledger = f.ledger === undefined ? null : await loadLedger(f.ledger);
    const now = Date.now();
    const result = await probe(target, {
      retryAt: ledger ? retryAtFor(ledger, target.keyId, now) : null,
    });

    let monitor: CycleSpend | null = null;
    if (ledger && f.ledger !== undefined) {
      const c = cycleBounds(
        cycleAnchor === undefined ? { renewalDay: 1 } : cycleSpecFrom(cycleAnchor, 'UTC'),
        result.at,
      );
      // GitHub's /rate_limit costs no quota: kept apart from the monitor's spend.
      const free =
        target.provider === 'generic' && isFreeGithubProbe(target.baseUrl, target.path, target.method);
      const next = recordProbe(ledger, target.keyId, c, result, free);
      await saveLedger(f.ledger, next);
      monitor = spendAt(next, target.keyId, c);
    }

    if (f.json) printJson(io, resultJson(result, provider, monitor));
    else io.stdout(humanText(result, monitor));
    return EXIT_CODES[result.outcome];
  },
};

type ProbeFlags = Parameters<typeof parseFlags>[1];

/**
 * parseFlags, but its error never quotes a value: an unexpected argument is most often a token pasted
 * after --token-stdin or --token-env, and the error would print it.
 */
function parseProbeFlags<O extends ProbeFlags>(args: string[], options: O) {
  try {
    return parseFlags(args, options, USAGE);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    let text = err.message;
    for (const a of args)
      if (!a.startsWith('-') && a.length >= 2) text = text.split(a).join('[value not shown]');
    for (const a of args) {
      const eq = a.indexOf('=');
      if (a.startsWith('-') && eq > 0 && eq < a.length - 1)
        text = text.split(a.slice(eq + 1)).join('[value not shown]');
    }
    throw new CliError(redact(text));
  }
}

/**
 * A conventional environment variable name (LIKE_THIS). Anything else given to --token-env may be the
 * token itself, so it is never echoed.
 */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function looksLikeEnvName(name: string): boolean {
  if (!ENV_NAME.test(name)) return false;
  // Long runs mixing letters and digits without a separator are how tokens look, not variable names.
  if (name.length >= 16 && !name.includes('_') && /\d/.test(name) && /[A-Za-z]/.test(name)) return false;
  // Lower-case with digits (sk_live_abc123…) is a token shape; variables are conventionally upper-case.
  return !(/[a-z]/.test(name) && /\d/.test(name) && name.length >= 12);
}

function baseUrlOf(
  provider: ProbeProvider,
  baseUrl: string | undefined,
  region: string | undefined,
  dc: string | undefined,
): string | undefined {
  const given = [baseUrl, region, dc].filter((v) => v !== undefined).length;
  if (given > 1) throw new CliError('give one of --base-url, --region and --dc');
  if (region !== undefined) {
    if (provider !== 'voucherify') throw new CliError('--region is for Voucherify; use --base-url');
    return VOUCHERIFY_REGIONS[oneOf(region, 'region', Object.keys(VOUCHERIFY_REGIONS)) as VoucherifyRegion];
  }
  if (dc !== undefined) {
    if (provider !== 'zoho') throw new CliError('--dc is for Zoho; use --base-url');
    return zohoBaseUrl(oneOf(dc, 'dc', ZOHO_DATA_CENTRES) as ZohoDataCentre);
  }
  return baseUrl;
}

function hintsOf(provider: ProbeProvider, plan: string | undefined): ParseHints | undefined {
  return planHints(plan, provider === 'voucherify');
}

async function readSecret(envVar: string | undefined, fromStdin: boolean, io: CliIO): Promise<string> {
  if ((envVar === undefined) === !fromStdin)
    throw new CliError('give the secret one way: --token-env VAR (an environment variable) or --token-stdin');
  if (envVar !== undefined) {
    const value = io.env[envVar];
    if (value === undefined || value.trim() === '') {
      if (!looksLikeEnvName(envVar))
        throw new CliError(
          '--token-env takes the NAME of an environment variable that holds the token (e.g. --token-env ' +
            'VOUCHERIFY_TOKEN), not the token; the value given is not shown, as it may be a secret',
        );
      throw new CliError(`the environment variable ${envVar} is not set or empty`);
    }
    return checkSecretText(value.trim());
  }
  const text = (await io.readStdin()).split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (text === '') throw new CliError('--token-stdin: nothing on stdin');
  return checkSecretText(text);
}

/**
 * A header can carry only Latin-1 text; a token outside it (a pasted curly quote, an ellipsis) would
 * fail inside Node and read as a connection failure. It is a usage error, named without the token.
 */
function checkSecretText(secret: string): string {
  if (/[^\u0020-\u007e\u00a0-\u00ff\t]/.test(secret))
    throw new CliError(
      'the token holds characters an HTTP header cannot carry (outside Latin-1, or control characters): ' +
        'check it was copied exactly; it is not shown',
    );
  return secret;
}

function credentialsOf(
  provider: ProbeProvider,
  secret: string,
  appId: string | undefined,
  clientId: string | undefined,
  authHeader: string | undefined,
): Credentials {
  if (provider === 'voucherify') {
    if ((appId === undefined) === (clientId === undefined))
      throw new CliError('Voucherify needs --app-id (server-side key) or --client-id (client-side key)');
    return appId !== undefined
      ? { kind: 'voucherify-app', appId, appToken: secret }
      : { kind: 'voucherify-client', clientId: clientId as string, clientToken: secret };
  }
  if (appId !== undefined || clientId !== undefined)
    throw new CliError('--app-id and --client-id are for Voucherify');
  if (provider === 'zoho') return { kind: 'zoho-oauth', token: secret };
  return authHeader === undefined
    ? { kind: 'bearer', token: secret }
    : { kind: 'header', name: authHeader, value: secret };
}

async function loadLedger(path: string): Promise<SpendLedger> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger();
    throw new CliError(
      `--ledger ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? firstLine(err)})`,
    );
  }
  try {
    return readLedger(JSON.parse(text) as unknown);
  } catch (err) {
    const why = err instanceof SyntaxError ? 'not valid JSON' : firstLine(err);
    throw new CliError(`--ledger ${path}: ${why}; the file was left untouched and no probe was sent`);
  }
}

/** Written beside the target, then renamed over it: a crash never leaves half a ledger. */
async function saveLedger(path: string, ledger: SpendLedger): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(ledger, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

function resultJson(r: ProbeResult, provider: ProbeProvider, monitor: CycleSpend | null) {
  const parsed = r.result
    ? parseResultJson(r.result)
    : { provider, status: r.status, windows: [], blocked: null, warnings: [], clockSkewSeconds: null };
  return {
    keyId: r.keyId,
    outcome: r.outcome,
    message: r.message,
    ...parsed,
    status: r.status,
    latencyMs: r.latencyMs === null ? null : Math.round(r.latencyMs * 10) / 10,
    at: iso(r.at),
    retryAt: iso(r.retryAt),
    monitor:
      monitor === null
        ? null
        : {
            cycleStart: iso(monitor.cycleStart),
            cycleEnd: iso(monitor.cycleEnd),
            sent: monitor.sent,
            billable: monitor.billable,
            uncertain: monitor.uncertain,
          },
  };
}

function humanText(r: ProbeResult, monitor: CycleSpend | null): string {
  const lines = [r.message];
  const facts = [
    r.status === null ? null : `status ${r.status}`,
    r.latencyMs === null ? null : `latency ${Math.round(r.latencyMs)} ms`,
    `at ${iso(r.at)}`,
  ].filter(Boolean);
  lines.push(facts.join(', '));
  for (const w of r.result?.warnings ?? []) lines.push(`warning: ${w}`);
  if (monitor)
    lines.push(
      `monitor: ${monitor.sent} probe${monitor.sent === 1 ? '' : 's'} sent this cycle for ${r.keyId} ` +
        `(${monitor.billable} billable, ${monitor.uncertain} uncertain)`,
    );
  return `${lines.join('\n')}\n`;
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(
      `--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value.slice(0, 40))}`,
    );
  return value as T;
}

function intFlag(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
