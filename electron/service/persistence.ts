// Writing the runtime state: what goes to disk (never the demo's keys, spend or alerts) and when
// (debounced, so a burst of probes and alerts costs one write).
import { forgetKey } from '../core/alerts/engine';
import type { AlertState } from '../core/alerts/state';
import type { KeyEntry } from './key-entry';
import type { Timers } from './ports';
import type { RuntimeState } from './runtime-state';

/** Write the runtime state at most this often (and on stop). */
const PERSIST_DEBOUNCE_MS = 2_000;

/**
 * The runtime state with the live keys' runtimes folded in (`runtime`, which the service keeps), and
 * the snapshot to write (`saved`): the same, minus everything that belongs to the demo keys.
 */
export function stateToSave(
  entries: ReadonlyMap<string, KeyEntry>,
  runtime: RuntimeState,
  alertState: AlertState,
): { runtime: RuntimeState; saved: Omit<RuntimeState, 'alerts'> & { alerts: AlertState } } {
  const keys: RuntimeState['keys'] = {};
  for (const [id, entry] of entries) if (!entry.config.demo) keys[id] = entry.runtime;
  const demoIds = [...entries.values()].filter((e) => e.config.demo).map((e) => e.config.id);
  const ledger = {
    ...runtime.ledger,
    keys: Object.fromEntries(Object.entries(runtime.ledger.keys).filter(([id]) => !demoIds.includes(id))),
  };
  const alerts = demoIds.reduce((a, id) => forgetKey(a, id), alertState);
  const next = { ...runtime, keys };
  return { runtime: next, saved: { ...next, keys, ledger, alerts } };
}

/** Runs `save` once, `PERSIST_DEBOUNCE_MS` after the first request of a burst, while `active()`. */
export class DebouncedSave {
  private timer: unknown = null;

  constructor(
    private readonly timers: Timers,
    private readonly active: () => boolean,
    private readonly save: () => Promise<void>,
  ) {}

  schedule(): void {
    if (this.timer || !this.active()) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.save();
    }, PERSIST_DEBOUNCE_MS);
  }

  /** Drops the pending write (the caller flushes itself); a later schedule() arms a fresh one. */
  cancel(): void {
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
