// The Headroom service as the shell and the end-to-end bridge see it: the preload API's operations
// plus lifecycle and subscriptions. `createHeadroomService` (headroom-service.ts) implements it.
import type { AppState, HeadroomApi } from '../ipc/contract';
import type { Logger, SecretVault, SettingsRepository, StateRepository, Timers } from './ports';

/** A desktop notification as the service hands it to a delivery adapter. */
export interface OutgoingNotification {
  id: string;
  /** The key it is about (a click opens the popover there); null for a digest. */
  keyId: string | null;
  title: string;
  body: string;
}

export type DeliveryOutcome = { ok: true } | { ok: false; reason: string };

export interface NotifierPort {
  deliver(message: OutgoingNotification): Promise<DeliveryOutcome>;
}

export interface ServiceDeps {
  settings: SettingsRepository;
  state: StateRepository;
  vault: SecretVault;
  /** null: no delivery available; the tray and tooltip still tell the story. */
  notifier: NotifierPort | null;
  logger: Logger;
  timers: Timers;
  now: () => number;
  /** IANA time zone for local times (quiet hours, "until tomorrow"); default: the system's. */
  timeZone?: string;
  /** Start the embedded demo simulator when no key is configured (default true). */
  demo?: boolean;
}

export type ServiceOperations = Omit<HeadroomApi, 'onState' | 'onFocusKey' | 'setPinned' | 'getState'>;

export interface HeadroomService extends ServiceOperations {
  start(): Promise<void>;
  /** Stops timers and probes, flushes state. */
  stop(): Promise<void>;
  getState(): AppState;
  subscribe(listener: (state: AppState) => void): () => void;
  /** A notification was clicked: the shell opens the popover at this key. */
  onFocusRequest(listener: (keyId: string) => void): () => void;
  /** Called by the shell when the user clicks a delivered notification. */
  notificationClicked(notificationId: string): void;
}
