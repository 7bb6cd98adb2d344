// Bounded concurrency over all probes (manual "probe all" and timers alike), so a long key list
// never opens more than a few connections at once.
const PROBE_CONCURRENCY = 4;

export class ProbeLimiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly concurrency = PROBE_CONCURRENCY) {}

  /** Runs `fn` once a slot is free; waiters are served in order. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
