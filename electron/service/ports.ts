// What the Headroom service needs from the outside world. The Electron shell implements these with
// electron/storage's files, safeStorage and Electron's Notification; tests and the end-to-end bridge
// implement them in memory. Nothing here imports Electron.
import type { Settings } from '../core/config/settings';

/** A notice to show the user about the storage itself (a recovered corrupted file, weak encryption). */
export interface StorageNotice {
  id: string;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface SettingsRepository {
  /** Loads, migrates and validates; a corrupted file is backed up beside itself and defaults are returned with a notice. */
  load(): Promise<{ settings: Settings; notices: StorageNotice[] }>;
  save(settings: Settings): Promise<void>;
}

/**
 * The app's runtime state (quota observations, cycle history, dashboard readings, the monitor's spend
 * ledger, alert state, snooze), persisted so a restart neither re-fires alerts nor forgets the cycle.
 * Opaque JSON to the repository; the service validates it.
 */
export interface StateRepository {
  load(): Promise<{ state: unknown; notices: StorageNotice[] }>;
  save(state: unknown): Promise<void>;
}

export interface SecretVault {
  get(keyId: string): Promise<string | null>;
  set(keyId: string, secret: string): Promise<void>;
  delete(keyId: string): Promise<void>;
  /** Which backend encrypts, and whether it is weak (Linux `basic_text`: the UI warns). */
  status(): { backend: string; weak: boolean };
}

/** Timers, injectable so tests drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Structured log lines; implementations must never receive a secret (the service redacts first). */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
