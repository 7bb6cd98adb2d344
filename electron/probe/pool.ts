// Many keys at once: at most `concurrency` probes in flight, each with its own timeout, results handed
// over as each key finishes. A slow or failing key holds one slot for at most its timeout and never
// delays the answers of the others.
import { probe, type ProbeOptions, type ProbeResult } from './probe';
import type { ProbeTarget } from './targets';

export interface PoolOptions extends Omit<ProbeOptions, 'retryAt'> {
  /** Probes in flight at once (default 8). */
  concurrency?: number;
  /** A key's retry time from its last block; the key is deferred, not probed, before it. */
  retryAt?: (keyId: string) => number | null;
}

export const DEFAULT_CONCURRENCY = 8;

/** Runs `worker` over `items` with at most `limit` in flight, yielding results in completion order. */
export async function* inCompletionOrder<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  const ready: Array<{ ok: true; value: R } | { ok: false; error: unknown }> = [];
  let wake: (() => void) | null = null;
  let next = 0;
  let active = 0;

  const launch = () => {
    while (active < limit && next < items.length) {
      const item = items[next++] as T;
      active++;
      worker(item)
        .then(
          (value) => ready.push({ ok: true, value }),
          (error: unknown) => ready.push({ ok: false, error }),
        )
        .finally(() => {
          active--;
          launch();
          wake?.();
        });
    }
  };
  launch();
  let yielded = 0;
  while (yielded < items.length) {
    const r = ready.shift();
    if (!r) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
      continue;
    }
    yielded++;
    if (!r.ok) throw r.error;
    yield r.value;
  }
}

/** Probes every target through a bounded pool; yields each key's result as soon as it is known. */
export function probeAll(
  targets: readonly ProbeTarget[],
  options: PoolOptions = {},
): AsyncGenerator<ProbeResult> {
  const { concurrency = DEFAULT_CONCURRENCY, retryAt, ...probeOptions } = options;
  return inCompletionOrder(targets, concurrency, (t) =>
    probe(t, { ...probeOptions, retryAt: retryAt?.(t.keyId) ?? null }),
  );
}
