// `npm start` without Electron (scripts/start.mjs runs this when the binary is missing or cannot be
// downloaded): Headroom in the browser. The same service and popover as the tray app, on 127.0.0.1
// at a free port, behind a secret made for this launch; the address is printed, and opened in the
// default browser when there is a display (BROWSER=none: only printed).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from './data-dir';
import { openBrowser } from './open-browser';
import { ensureRendererBuild } from './renderer-build';
import { generateToken } from './security';
import { startWebShell, stderrLogger } from './shell';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const logger = stderrLogger();
  const rendererDir = await ensureRendererBuild(repo, (line) => process.stderr.write(`headroom: ${line}\n`));
  const token = generateToken();
  const shell = await startWebShell({
    dataDir: process.env.HEADROOM_DATA_DIR || defaultDataDir(),
    rendererDir,
    token,
    host: '127.0.0.1',
    port: 0,
    logger,
  });
  const address = `${shell.server.url}/?token=${token}`;
  process.stdout.write(`headroom: running in the browser at ${address}\n`);
  const opened = openBrowser(address);
  process.stdout.write(
    opened
      ? 'headroom: opened in your browser; Ctrl-C stops Headroom.\n'
      : 'headroom: open that address in a browser; Ctrl-C stops Headroom.\n',
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Timers, probes and the state file are settled before leaving; never wait forever.
    const deadline = setTimeout(() => process.exit(0), 5_000);
    deadline.unref();
    shell.stop().finally(() => process.exit(0));
  };
  // `on`: a second signal (the launcher passes SIGTERM on too) must not cut the save short.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `headroom: could not start in the browser: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
  );
  process.exit(1);
});
