// One 1 s ticker for the whole popover. Countdowns and ages subscribe to it; nothing else re-renders
// on a tick. Main and the renderer read the same system clock, so "now" is this window's clock (a
// state's `generatedAt` is when it was built, which may be well before it is shown: not a clock).
import { createContext, useContext, useSyncExternalStore } from 'react';

export class NowStore {
  private current: number;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly clock: () => number = () => Date.now()) {
    this.current = clock();
  }

  now = (): number => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.timer) this.timer = setInterval(() => this.tick(), 1_000);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  /** Reads the clock and notifies subscribers (the 1 s interval calls it; tests may too). */
  tick(): void {
    this.current = this.clock();
    for (const l of this.listeners) l();
  }
}

export const NowContext = createContext<NowStore>(new NowStore());

/** The current time, updated every second. */
export function useNow(): number {
  const store = useContext(NowContext);
  return useSyncExternalStore(store.subscribe, store.now);
}
