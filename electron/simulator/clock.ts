// Clocks the simulator and the backtest run on. The engine never reads Date.now() itself: it asks its
// clock, so a test can set time by hand and the demo can let a month pass in minutes.

export interface Clock {
  /** Epoch ms. */
  now(): number;
}

/** Time that moves only when told to: tests and the backtest. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(startMs: number) {
    this.ms = finite(startMs, 'start');
  }

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    this.ms = finite(ms, 'time');
  }

  advance(ms: number): void {
    this.ms += finite(ms, 'advance');
  }
}

export interface ScaledClockOptions {
  /** Simulated milliseconds per real millisecond (1 = real time). */
  speed: number;
  /** Simulated time at construction (epoch ms); defaults to real(). */
  start?: number;
  /** The real clock (epoch ms); defaults to a monotonic one, so wall-clock adjustments cannot make time jump. */
  real?: () => number;
}

/** Real time sped up: simulated = start + (real() - realAtConstruction) * speed. */
export class ScaledClock implements Clock {
  readonly speed: number;
  private readonly start: number;
  private readonly realAtStart: number;
  private readonly real: () => number;

  constructor(opts: ScaledClockOptions) {
    if (!Number.isFinite(opts.speed) || opts.speed <= 0) {
      throw new RangeError(`clock speed must be a positive number, got ${String(opts.speed)}`);
    }
    this.speed = opts.speed;
    this.real = opts.real ?? monotonicEpoch;
    this.realAtStart = this.real();
    this.start = opts.start === undefined ? this.realAtStart : finite(opts.start, 'start');
  }

  now(): number {
    return Math.floor(this.start + (this.real() - this.realAtStart) * this.speed);
  }
}

/**
 * A clock that follows another but can be held at an earlier moment: the load driver catches up the
 * integration's minutes one by one (each at its own simulated time) before the engine sees a request.
 */
export class HoldableClock implements Clock {
  private held: number | null = null;

  constructor(readonly base: Clock) {}

  now(): number {
    return this.held ?? this.base.now();
  }

  /** Holds time at `ms` until release(). */
  hold(ms: number): void {
    this.held = finite(ms, 'time');
  }

  release(): void {
    this.held = null;
  }
}

function monotonicEpoch(): number {
  return performance.timeOrigin + performance.now();
}

function finite(ms: number, what: string): number {
  if (!Number.isFinite(ms))
    throw new RangeError(`clock ${what} must be a finite number of ms, got ${String(ms)}`);
  return ms;
}
