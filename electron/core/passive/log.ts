// The passive answers of one key, bounded: enough for a whole cycle of Professional (100,000 calls) and its 429s.
// When answers since the anchor had to be dropped, the count cannot be exact any more, and says so.
import type { PassiveAnswer } from './counting';

export const PASSIVE_LOG_MAX = 150_000;

export class PassiveLog {
  private items: PassiveAnswer[] = [];
  /** Every answer ever added (the metric's counter; never goes down). */
  total = 0;
  /** The newest dropped answer's time, or null when nothing was dropped. */
  droppedUpTo: number | null = null;

  /**
   * @param watchingSince since when every answer was being recorded (the proxy's start): a cycle
   * that renewed after it started at 0 in plain sight, which anchors the count without a reading.
   */
  constructor(
    readonly watchingSince: number,
    private readonly max = PASSIVE_LOG_MAX,
  ) {}

  add(answer: PassiveAnswer): void {
    this.total++;
    this.items.push(answer);
    if (this.items.length > this.max) {
      const cut = this.items.length - Math.floor(this.max * 0.9);
      const dropped = this.items.splice(0, cut);
      const last = dropped.reduce((m, a) => Math.max(m, a.at), this.droppedUpTo ?? -Infinity);
      this.droppedUpTo = last;
    }
  }

  answers(): readonly PassiveAnswer[] {
    return this.items;
  }

  lastAt(): number | null {
    return this.items.at(-1)?.at ?? null;
  }

  /** Dropped answers newer than `since` (an anchor) make counting from it impossible. */
  truncatedSince(since: number): number | null {
    return this.droppedUpTo !== null && this.droppedUpTo >= since ? this.droppedUpTo : null;
  }
}
