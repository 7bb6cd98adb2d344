// `serve [--host H] [--port N] [--config FILE] [--data DIR] [--allow-host NAME]`: Headroom headless,
// for a team: the web shell (electron/web) on one port. The first line on stdout is
// `listening on http://HOST:PORT`. Everything the command is given is checked before anything
// starts or is written: a bad --config file is one line naming the file, the field and why (exit 2).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError, loadServeConfig, type ServeConfig } from '../../web/config-file';
import { defaultDataDir } from '../../web/data-dir';
import { ensureRendererBuild } from '../../web/renderer-build';
import { generateToken, isLoopbackHost, tokenProblem } from '../../web/security';
import { startWebShell, stderrLogger } from '../../web/shell';
import { CliError, parseFlags, type CliCommand } from '../cli';

const USAGE = 'serve [--host 127.0.0.1] [--port 8787] [--config FILE] [--data DIR] [--allow-host NAME ...]';
const DEFAULT_PORT = 8787;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ServePlan {
  host: string;
  port: number;
  token: string;
  tokenGenerated: boolean;
  config: ServeConfig | null;
  dataDir: string;
  allowedHosts: string[];
}

/** Checks every flag, the secret and the config file; throws CliError (exit 2) on the first problem. */
export function planServe(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): ServePlan {
  const flags = parseFlags(
    args,
    {
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      data: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
    },
    USAGE,
  );
  const host = (flags.host ?? '127.0.0.1').trim();
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) throw new CliError(`--host is not a host name or address`);
  const port = flags.port === undefined ? DEFAULT_PORT : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`--port must be a whole number from 0 to 65535 (0: any free port)`);
  const given = env.HEADROOM_TOKEN;
  if (given !== undefined) {
    const problem = tokenProblem(given);
    if (problem) throw new CliError(problem);
  } else if (!isLoopbackHost(host.replace(/^\[|\]$/g, '')))
    throw new CliError(
      `refusing to listen on ${host} without HEADROOM_TOKEN: anyone who can reach that address could use Headroom. Set HEADROOM_TOKEN to a long random secret (e.g. \`openssl rand -base64url 32\`) and start again`,
    );
  let config: ServeConfig | null = null;
  if (flags.config !== undefined) {
    try {
      config = loadServeConfig(resolve(flags.config), env, now);
    } catch (err) {
      if (err instanceof ConfigFileError) throw new CliError(err.message);
      throw err;
    }
  }
  return {
    host,
    port,
    token: given ?? generateToken(),
    tokenGenerated: given === undefined,
    config,
    dataDir: resolve(flags.data ?? defaultDataDir()),
    allowedHosts: flags['allow-host'] ?? [],
  };
}

export const command: CliCommand = {
  summary: 'Runs Headroom headless for a team: the popover and its API over HTTP (needs no Electron).',
  usage: USAGE,
  async run(args, io) {
    const plan = planServe(args, io.env, Date.now());
    const logger = stderrLogger((line) => io.stderr(line));
    const rendererDir = await ensureRendererBuild(repo, (line) => io.stderr(`headroom serve: ${line}\n`));
    const shell = await startWebShell({
      dataDir: plan.dataDir,
      rendererDir,
      token: plan.token,
      host: plan.host,
      port: plan.port,
      allowedHosts: plan.allowedHosts,
      config: plan.config,
      env: io.env,
      logger,
    }).catch((err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`port ${plan.port} on ${plan.host} is already in use`, 1);
      if (code === 'EACCES') throw new CliError(`not allowed to listen on ${plan.host}:${plan.port}`, 1);
      throw err;
    });
    io.stdout(`listening on ${shell.server.url}\n`);
    for (const proxy of shell.proxies) io.stdout(`proxy for ${proxy.name} on ${proxy.url}\n`);
    io.stdout(
      plan.tokenGenerated
        ? `open ${shell.server.url}/?token=${plan.token} (a secret made for this run; set HEADROOM_TOKEN to keep one)\n`
        : `open ${shell.server.url}/?token=<HEADROOM_TOKEN>, or send Authorization: Bearer <HEADROOM_TOKEN>\n`,
    );
    await (io.interrupted ?? new Promise<void>(() => undefined));
    io.stderr('headroom serve: stopping (saving state)…\n');
    await Promise.race([shell.stop(), new Promise((r) => setTimeout(r, 5_000).unref())]);
    io.stderr('headroom serve: stopped\n');
    return 0;
  },
};
