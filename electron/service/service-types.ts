// The Headroom service as the shell and the end-to-end bridge see it: the preload API's operations
// plus lifecycle and subscriptions. `createHeadroomService` (headroom-service.ts) implements it.
import type { ExportFile } from '../export/formats';
import type { ExportFilter, ExportFormat } from '../export/model';
import type { AppState, HeadroomApi } from '../ipc/contract';
import type { Notifier } from '../notify/notifier';
import type { SpendLedger } from '../probe/spend';
import type { PassiveItem } from './passive';
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
  /**
   * BCP 47 locale for text built here (tooltip, menu, headlines, notifications); default: the
   * process's. Electron's shell passes the app locale, the one its renderer formats with.
   */
  locale?: string;
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
  /** Read-only figures AppState does not carry, for /metrics (electron/metrics). */
  monitorRecord(): MonitorRecord;
  /** Observations, daily usage and the cycle archive as a CSV or JSON file (electron/export). */
  exportFile(format: ExportFormat, filter: ExportFilter): ExportFile;
  /** Passive readings: answers the integration got, seen by the proxy or posted (docs/passive.md). */
  recordPassive(keyRef: string, items: readonly PassiveItem[]): void;
  /** Passive answers seen per key since start (the headroom_passive_calls_total counter). */
  passiveCalls(): { keyId: string; name: string; total: number }[];
}

export interface MonitorRecord {
  /** The monitor's spend ledger: every probe it sent, per key and cycle (persisted for real keys). */
  ledger: SpendLedger;
  /** Per key id: when its quota was last observed (any answered probe); null before the first. */
  lastObservedAt: Record<string, number | null>;
  /** Per key id: the integration's answers Headroom has seen passively since it started (proxy, ingest). */
  passiveCalls: Record<string, number>;
}
