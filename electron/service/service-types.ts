// The Headroom service as the shell and the end-to-end bridge see it: the preload API's operations
// plus lifecycle and subscriptions. `createHeadroomService` (headroom-service.ts) implements it.
import type { AppState, HeadroomApi } from '../ipc/contract';
import type { Notifier } from '../notify/notifier';
import type { Logger, SecretVault, SettingsRepository, StateRepository, Timers } from './ports';

export interface ServiceDeps {
  settings: SettingsRepository;
  state: StateRepository;
  vault: SecretVault;
  /**
   * Delivers alerts (electron/notify). Clicks are the adapter's business: the shell gives it a
   * handler that opens the popover at the message's key. null: no delivery available; the tray
   * and tooltip still tell the story.
   */
  notifier: Notifier | null;
  logger: Logger;
  timers: Timers;
  now: () => number;
  /** IANA time zone for local times (quiet hours, "until tomorrow"); default: the system's. */
  timeZone?: string;
  /** Start the embedded demo simulator when no key is configured (default true). */
  demo?: boolean;
  /** Per-probe timeout (default the probe's 10 s); every probe settles within it. */
  probeTimeoutMs?: number;
}

export type ServiceOperations = Omit<
  HeadroomApi,
  'onState' | 'onFocusKey' | 'onOpenSettings' | 'setPinned' | 'getState'
>;

export interface HeadroomService extends ServiceOperations {
  start(): Promise<void>;
  /** Stops timers and probes, flushes state. */
  stop(): Promise<void>;
  getState(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
}
