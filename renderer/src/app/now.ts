// One 1 s ticker for the whole popover. Countdowns and ages subscribe to it; nothing else re-renders
// on a tick. "Now" follows the service's clock: every new state carries `generatedAt`, and the offset
// between it and this window's clock is kept, so countdowns agree with the figures they count down to.
import { createContext, useContext, useSyncExternalStore } from 'react';

export class NowStore {
  private offset = 0;
  private current: number;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly clock: () => number = () => Date.now()) {
    this.current = clock();
  }

  /** The service's clock read `serviceNow` at the moment this window's clock read `localNow`. */
  sync(serviceNow: number, localNow: number = this.clock()): void {
    this.offset = serviceNow - localNow;
    this.tick();
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
    this.current = this.clock() + this.offset;
    for (const l of this.listeners) l();
  }
}

export const NowContext = createContext<NowStore>(new NowStore());

/** The current time on the service's clock, updated every second. */
export function useNow(): number {
  const store = useContext(NowContext);
  return useSyncExternalStore(store.subscribe, store.now);
}
