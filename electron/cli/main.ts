// `npm run --silent cli -- <command>`: runs straight from source with tsx, no build step.
// JSON on stdout; errors are one line on stderr and a non-zero exit, never a stack trace.
import { CliError, firstLine, type CliCommand, type CliIO } from './cli';

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  parse: () => import('./commands/parse'),
  'notify-test': () => import('./commands/notify-test'),
  'tray-icon': () => import('./commands/tray-icon'),
  simulate: () => import('./commands/simulate'),
  probe: () => import('./commands/probe'),
  forecast: () => import('./commands/forecast'),
  serve: () => import('./commands/serve'),
  export: () => import('./commands/export'),
};

async function help(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(12)} ${(await load()).command.summary}`,
    ),
  );
  return [
    'usage: npm run --silent cli -- <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run a command with --help for its options.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${await help()}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(
      `headroom: unknown command "${name.slice(0, 40)}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`,
    );
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(
      `${command.summary}\nusage: ${command.usage}\n${command.details ? `\n${command.details}\n` : ''}`,
    );
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const code = err instanceof CliError ? err.exitCode : 1;
    io.stderr(`headroom ${name}: ${firstLine(err)}\n`);
    return code;
  }
}

function processIO(): CliIO {
  const interrupted = new Promise<void>((resolve) => {
    // `on`, not `once`: tsx passes on the signal the process group already got, and that second
    // one must not kill a command while it is saving (serve).
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  return {
    async readStdin() {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interrupted,
  };
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (invokedDirectly) {
  // A closed pipe (`... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  runCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`headroom: ${firstLine(err)}\n`);
      process.exitCode = 1;
    },
  );
}
