// The runtime state repository: a bounded, versioned snapshot plus an append-only journal
// (state-journal), with a damaged or foreign file set aside and the user told. Light on imports (no
// zod, no settings) so a web shell or a child process can use it on its own.
import { rmSync } from 'node:fs';
import { boundState, STATE_BOUNDS, type BoundOptions } from '../core/config/bounded';
import type { Logger, StateRepository } from '../service/ports';
import { silentLogger } from '../service/ports';
import { backupBeside } from './backup';
import { cleanStaleTemps } from './durable-write';
import { StateJournal, STATE_VERSION, type JournalOptions } from './state-journal';

export const STATE_FILE = 'state';

export interface StateStoreDeps {
  dir: string;
  now?: () => number;
  logger?: Logger;
  onWrite?: JournalOptions['onWrite'];
  bounds?: BoundOptions;
  journalMaxBytes?: number;
}

export function createStateRepository(deps: StateStoreDeps): StateRepository {
  const logger = deps.logger ?? silentLogger;
  const bounds = deps.bounds ?? STATE_BOUNDS;
  const journal = new StateJournal({
    dir: deps.dir,
    name: STATE_FILE,
    ...(deps.journalMaxBytes ? { journalMaxBytes: deps.journalMaxBytes } : {}),
    ...(deps.onWrite ? { onWrite: deps.onWrite } : {}),
  });
  const consequence = 'quota history and alert state start afresh (settings and keys are not affected).';

  /** Sets a damaged or foreign state file aside (with its journal, which only applies to it). */
  const setAside = (reason: string): string => {
    const backup = backupBeside(journal.snapshotFile, reason, (deps.now ?? Date.now)());
    rmSync(journal.snapshotFile, { force: true });
    rmSync(journal.journalFile, { force: true });
    return backup;
  };

  return {
    async load() {
      const removed = await cleanStaleTemps(deps.dir, [`${STATE_FILE}.json`, `${STATE_FILE}.journal`]);
      if (removed > 0) logger.info('removed temp files left by a crash', { file: 'state', removed });
      const read = await journal.read();
      if (read.kind === 'missing') return { state: null, notices: [] };
      if (read.kind === 'unreadable') {
        logger.warn('saved state file unreadable', { reason: read.reason });
        let backup: string;
        try {
          backup = setAside('corrupt');
        } catch (err) {
          const code = (err as NodeJS.ErrnoException)?.code ?? read.reason;
          return {
            state: null,
            notices: [
              {
                id: `${STATE_FILE}-unavailable`,
                level: 'error',
                text: `The saved state file in ${deps.dir} cannot be opened (${code}); changes will not be kept after Headroom quits.`,
              },
            ],
          };
        }
        return {
          state: null,
          notices: [
            {
              id: `${STATE_FILE}-corrupt`,
              level: 'warning',
              text: `The saved state file was damaged and could not be read. A copy was kept at ${backup}; ${consequence}`,
            },
          ],
        };
      }
      if (read.kind === 'foreign') {
        const v = read.schemaVersion;
        const reason = typeof v === 'number' && v > STATE_VERSION ? `newer-v${v}` : 'corrupt';
        const backup = setAside(reason);
        return {
          state: null,
          notices: [
            {
              id: 'state-unreadable',
              level: 'warning',
              text: `The saved state was not in a format this Headroom reads. A copy was kept at ${backup}; ${consequence}`,
            },
          ],
        };
      }
      if (read.tornLines > 0) logger.warn('state journal had torn lines', { torn: read.tornLines });
      const bounded = boundState(read.state, bounds);
      if (bounded.dropped > 0) logger.info('state history trimmed on load', { dropped: bounded.dropped });
      return { state: bounded.value, notices: [] };
    },

    async save(state) {
      const bounded = boundState(state, bounds);
      if (bounded.dropped > 0) logger.info('state history trimmed', { dropped: bounded.dropped });
      await journal.write(bounded.value);
    },
  };
}
