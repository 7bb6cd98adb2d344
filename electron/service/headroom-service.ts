// The Headroom service: the one place that runs the data flow
//   probe -> observation -> quota state -> cycle estimate -> forecast -> schedule -> alerts -> AppState.
// It owns the keys, their timers and their persisted runtime state. It has no Electron import: the shell
// gives it storage, a vault and a notifier; the end-to-end bridge gives it in-memory ones.
import { TestNotificationSender } from '../notify/test-notification';
import { randomBytes } from 'node:crypto';
import { runAlertRound } from '../notify/dispatch';
import { forgetKey } from '../core/alerts/engine';
import { deliveryStatus, type AlertState } from '../core/alerts/state';
import { snoozeFor, type AlertPrefs } from '../core/alerts/prefs';
import type { KeyConfig, Settings } from '../core/config/settings';
import { cycleBounds } from '../core/cycle/bounds';
import type { KeyInsight } from '../core/insight/key-insight';
import type { KeyHistoryView } from '../core/history/summary';
import { exportFromState } from '../export/from-state';
import { renderExport, type ExportFile } from '../export/formats';
import type { ExportFilter, ExportFormat } from '../export/model';
import type { ExportRequest, ExportResult } from '../ipc/contract';
import { makeFormatter, type Formatter } from '../core/view/format';
import {
  IpcRequestError,
  keyInputSchema,
  settingsPatchSchema,
  type AppState,
  type KeyInput,
  type SaveKeyResult,
  type SettingsPatch,
  type SnoozeChoice,
  type TestKeyResult,
  type TestNotificationResult,
} from '../ipc/contract';
import type { ProbeResult } from '../probe/probe';
import { emptyLedger, recordProbe } from '../probe/spend';
import { probeCostsNoQuota } from '../core/providers/github';
import { TargetError } from '../probe/targets';
import { RefreshAlarms } from '../oauth/refresh-alarms';
import { ZohoSecretError, zohoSecretToStore } from '../oauth/zoho-secret';
import { ZohoTokenProvider } from '../oauth/zoho-tokens';
import { startDemo, type Demo } from './demo';
import { foldPassive, type PassiveItem } from './passive';
import { planOf, targetOf } from './key-target';
import type { StorageNotice } from './ports';
import { saveFailureText, withSaveResult, type SavedFile } from './storage-notices';
import {
  appendBounded,
  emptyKeyRuntime,
  LIMITS,
  type HistoryPoint,
  type RuntimeState,
} from './runtime-state';
import type { HeadroomService, MonitorRecord, ServiceDeps } from './service-types';
import { capitalise, describeIssue, errorText, parseInput } from './errors';
import { fingerprint, testFailure, testResultOf } from './key-test';
import { editNeedsRecheck, newKeyEntry, type KeyEntry } from './key-entry';
import { KeyProber } from './key-prober';
import { historyViewOf, noteAlertsSent, recordEstimate, rollEntryHistory } from './key-history';
import { readStoredState, vaultNotice } from './stored-state';
import { configFromInput, withKeyConfig, type KeyInputData } from './key-input';
import { patchedSettings } from './settings-patch';
import { buildAppState } from './app-state-builder';
import { duplicateText } from '../core/insight/prompts';
import { keyTwins, SecretFingerprints, twinsOnSave } from './key-twins';
import { alertInput } from './alert-input';
import { DebouncedSave, stateToSave } from './persistence';
import { replayDemo } from './demo-replay';
import { foldProbeResult } from './probe-ingest';
import { nextProbeOf } from './probe-schedule';
import { entryInsight } from './entry-insight';

const MINUTE = 60_000;
/** Re-evaluate views and alerts this often even when no probe ran (countdowns, resets, staleness). */
const TICK_MS = MINUTE;
/** A test probe's answer is reused as the first observation when the key is saved soon after. */
const TEST_REUSE_MS = 10 * MINUTE;
/** Passive answers are folded into the insight at most this often per key. */
const PASSIVE_REFRESH_MS = 1_000;

export function createHeadroomService(deps: ServiceDeps): HeadroomService {
  return new Service(deps);
}

class Service implements HeadroomService {
  private settings!: Settings;
  private runtime!: RuntimeState;
  private alerts!: AlertState;
  private readonly keys = new Map<string, KeyEntry>();
  private readonly listeners = new Set<(s: AppState) => void>();
  private notices: StorageNotice[] = [];
  private revision = 0;
  private cached: AppState | null = null;
  private tick: unknown = null;
  private readonly persist: DebouncedSave;
  private publishQueued = false;
  private demo: Demo | null = null;
  private running = false;
  private alertRound: Promise<void> = Promise.resolve();
  private readonly prober: KeyProber;
  private lastTest: { fingerprint: string; result: ProbeResult } | null = null;
  private readonly testNotification = new TestNotificationSender(() => this.deps.now());
  private readonly timeZone: string;
  private readonly fmt: Formatter;
  /** Zoho access tokens (memory only) and the standing refresh failures the user must act on. */
  private readonly zohoTokens: ZohoTokenProvider;
  private readonly refreshAlarms = new RefreshAlarms();

  /** Keyed hashes of the secrets read, to spot two keys for one project (never leave main). */
  private readonly fingerprints = new SecretFingerprints();

  constructor(private readonly deps: ServiceDeps) {
    this.zohoTokens = new ZohoTokenProvider({ now: () => this.deps.now() });
    this.prober = new KeyProber(
      deps,
      this.zohoTokens,
      this.refreshAlarms,
      () => this.settings.notifications.enabled,
    );
    this.persist = new DebouncedSave(
      deps.timers,
      () => this.running,
      () => this.persistNow(),
    );
    this.timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
    this.fmt = makeFormatter(deps.locale ?? Intl.DateTimeFormat().resolvedOptions().locale, this.timeZone);
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  async start(): Promise<void> {
    if (this.running) return;
    const loaded = await this.deps.settings.load();
    this.settings = loaded.settings;
    this.notices.push(...loaded.notices);
    const stored = await this.deps.state.load();
    this.notices.push(...stored.notices);
    const read = readStoredState(stored.state, this.deps.logger);
    this.runtime = read.runtime;
    this.alerts = read.alerts;
    this.notices.push(...read.notices);
    const weakVault = vaultNotice(this.deps.vault.status());
    if (weakVault) this.notices.push(weakVault);

    this.running = true;
    for (const config of this.settings.keys) this.addEntry(config);
    if (this.realKeyCount() === 0 && this.deps.demo !== false) await this.startDemo();
    for (const entry of this.keys.values()) this.refresh(entry);
    this.tick = this.deps.timers.setTimeout(() => this.onTick(), TICK_MS);
    this.publish();
    void this.learnFingerprints();
    // The demo's replayed past ends hours ago: one live look at the simulator makes it current.
    const demoEntry = this.demo ? this.keys.get(this.demo.config.id) : undefined;
    if (demoEntry) void this.runProbe(demoEntry, false);
    const zohoDemo = this.demo?.zoho ? this.keys.get(this.demo.zoho.config.id) : undefined;
    if (zohoDemo) void this.runProbe(zohoDemo, false);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.tick) this.deps.timers.clearTimeout(this.tick);
    this.persist.cancel();
    for (const entry of this.keys.values()) {
      this.clearTimer(entry);
      if (entry.passiveRefresh) this.deps.timers.clearTimeout(entry.passiveRefresh);
      entry.passiveRefresh = undefined;
    }
    await this.alertRound;
    await this.persistNow();
    await this.demo?.close();
    this.demo = null;
  }

  getState(): AppState {
    this.cached ??= this.buildState();
    return this.cached;
  }

  subscribe(listener: (s: AppState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  monitorRecord(): MonitorRecord {
    const lastObservedAt: Record<string, number | null> = {};
    const passiveCalls: Record<string, number> = {};
    for (const [id, e] of this.keys) {
      lastObservedAt[id] = e.runtime.quota.lastObservedAt;
      if (!e.config.demo) passiveCalls[id] = e.passive.total;
    }
    // Not a copy (the ledger can be large): callers read it at once and never change it.
    return { ledger: this.runtime ? this.runtime.ledger : emptyLedger(), lastObservedAt, passiveCalls };
  }

  // ---------------------------------------------------------------------------------------------
  // Operations (the preload API)

  async probeNow(keyId: string | null): Promise<void> {
    const entries = keyId === null ? [...this.keys.values()] : [this.entryOrThrow(keyId)];
    await Promise.all(entries.map((e) => this.runProbe(e, true)));
  }

  async testKey(raw: KeyInput): Promise<TestKeyResult> {
    const input = parseInput(keyInputSchema, raw);
    let secret: string | null;
    try {
      secret = await this.secretFromInput(input);
    } catch (err) {
      if (err instanceof ZohoSecretError) return testFailure('unexpected', capitalise(err.message));
      throw err;
    }
    secret ??= input.id ? await this.secretOf(input.id) : null;
    if (!secret) return testFailure('unexpected', 'Enter the token to test the key.');
    const probeConfig = { id: input.id ?? 'test-key', connection: input.connection, plan: input.plan };
    let target;
    try {
      target = targetOf(probeConfig, secret);
    } catch (err) {
      if (err instanceof TargetError) return testFailure('unexpected', capitalise(err.message));
      throw err;
    }
    const result = await this.prober.testProbe(probeConfig, secret, target);
    if (input.id && this.keys.has(input.id)) {
      this.ingest(this.entryOrThrow(input.id), result, true);
    } else if (result.sent) {
      this.lastTest = { fingerprint: fingerprint(input), result };
    }
    return testResultOf(input.connection, planOf(probeConfig), result);
  }

  async saveKey(raw: KeyInput): Promise<SaveKeyResult> {
    const parsed = keyInputSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
    const input = parsed.data;
    const existing = input.id ? this.keys.get(input.id) : undefined;
    if (input.id && (!existing || existing.config.demo))
      return { ok: false, error: 'That key no longer exists.' };
    let secret: string | null;
    try {
      secret = await this.secretFromInput(input);
    } catch (err) {
      if (err instanceof ZohoSecretError) return { ok: false, error: capitalise(err.message) };
      throw err;
    }
    if (!existing && !secret) return { ok: false, error: 'Enter the token for the new key.' };
    const id = existing?.config.id ?? `k-${randomBytes(5).toString('hex')}`;
    const config = configFromInput(input, id, existing?.config.createdAt ?? this.deps.now(), secret);
    if (!config.ok) return config;
    if (!input.allowDuplicate) {
      const others = this.settings.keys.filter((k) => k.id !== id);
      const twins = await twinsOnSave(config.config, secret, others, this.fingerprints, (k) =>
        this.secretOf(k),
      );
      if (twins.length > 0)
        return {
          ok: false,
          error: duplicateText(twins.map((t) => t.name)),
          duplicateOf: twins.map((t) => t.name),
        };
    }
    // Edited secrets, data centre or client: a standing refresh failure no longer applies.
    this.refreshAlarms.forget(id);
    const previousSecret = existing && secret ? await this.secretOf(id) : null;
    if (secret) {
      this.zohoTokens.forget(id);
      try {
        await this.deps.vault.set(id, secret);
        this.fingerprints.remember(id, secret);
      } catch (err) {
        this.deps.logger.error('vault refused the secret', { keyId: id, reason: errorText(err) });
        return { ok: false, error: `The key could not be stored securely: ${errorText(err)}` };
      }
    }
    const keys = withKeyConfig(this.settings.keys, config.config);
    try {
      await this.saveSettings({ ...this.settings, keys });
    } catch (err) {
      // Nothing half-stored: the vault goes back to what it held before this save.
      if (secret)
        await (
          previousSecret === null ? this.deps.vault.delete(id) : this.deps.vault.set(id, previousSecret)
        ).catch(() => undefined);
      return { ok: false, error: saveFailureText('settings', err) };
    }

    if (existing) {
      if (editNeedsRecheck(existing.config, config.config, secret !== null)) existing.recheck = true;
      existing.config = config.config;
      existing.failures = 0;
      this.refresh(existing);
    } else {
      const entry = this.addEntry(config.config);
      // The test probe already spent a call on this key: count it and use what it saw.
      const test = this.lastTest;
      if (
        test &&
        test.fingerprint === fingerprint(input) &&
        this.deps.now() - test.result.at < TEST_REUSE_MS
      ) {
        this.ingest(entry, { ...test.result, keyId: id }, true);
      }
      this.lastTest = null;
      if (this.demo) await this.stopDemo();
      this.refresh(entry);
    }
    this.publish();
    return { ok: true, keyId: id };
  }

  async deleteKey(keyId: string): Promise<void> {
    const entry = this.entryOrThrow(keyId);
    if (entry.config.demo) throw new IpcRequestError('The demo key goes away by itself when you add a key.');
    this.clearTimer(entry);
    this.keys.delete(keyId);
    this.zohoTokens.forget(keyId);
    this.refreshAlarms.forget(keyId);
    this.fingerprints.forget(keyId);
    await this.deps.vault.delete(keyId);
    await this.saveSettings({ ...this.settings, keys: this.settings.keys.filter((k) => k.id !== keyId) });
    delete this.runtime.keys[keyId];
    this.alerts = forgetKey(this.alerts, keyId);
    if (this.realKeyCount() === 0 && this.deps.demo !== false) {
      await this.startDemo();
      for (const e of this.keys.values()) this.refresh(e);
    }
    this.persist.schedule();
    this.publish();
  }

  async updateSettings(raw: SettingsPatch): Promise<void> {
    const patch = parseInput(settingsPatchSchema, raw);
    const next = patchedSettings(this.settings, patch);
    if (!next.success) throw new IpcRequestError(describeIssue(next.error));
    await this.saveSettings(next.data);
    for (const e of this.keys.values()) this.refresh(e);
    this.publish();
  }

  async calibrate(keyId: string, used: number, at?: number): Promise<void> {
    const entry = this.entryOrThrow(keyId);
    const now = this.deps.now();
    const when = Math.min(at ?? now, now);
    entry.runtime = {
      ...entry.runtime,
      dashboard: appendBounded(entry.runtime.dashboard, { at: when, used }, LIMITS.dashboard).sort(
        (a, b) => a.at - b.at,
      ),
    };
    this.refresh(entry, 'user');
    this.persist.schedule();
    this.publish();
  }

  async getHistory(keyId: string): Promise<KeyHistoryView | null> {
    const entry = this.keys.get(keyId);
    if (!entry) return null;
    const now = this.deps.now();
    return historyViewOf(entry, entry.insight ?? this.insightOf(entry, now), now);
  }

  /** The export's content; the shell turns it into a save dialog (Electron) or a download (browser). */
  async exportData(request: ExportRequest): Promise<ExportResult> {
    return {
      status: 'download',
      ...this.exportFile(request.format, request.keyId ? { key: request.keyId } : {}),
    };
  }

  exportFile(format: ExportFormat, filter: ExportFilter): ExportFile {
    const keys = Object.fromEntries([...this.keys].map(([id, e]) => [id, e.runtime]));
    const data = exportFromState(this.settings, { ...this.runtime, keys }, filter, this.deps.now());
    return renderExport(data, format);
  }

  recordPassive(keyRef: string, items: readonly PassiveItem[]): void {
    const entry = this.keys.get(keyRef) ?? [...this.keys.values()].find((e) => e.config.name === keyRef);
    if (!entry) throw new IpcRequestError(`no key named "${keyRef.slice(0, 60)}"`);
    foldPassive(entry, items);
    // A busy integration answers many times a second: recompute at most once a second per key.
    if (entry.passiveRefresh) return;
    entry.passiveRefresh = this.deps.timers.setTimeout(() => {
      entry.passiveRefresh = undefined;
      if (!this.keys.has(entry.config.id)) return;
      this.refresh(entry);
      this.publish();
      this.runAlerts();
    }, PASSIVE_REFRESH_MS);
  }

  passiveCalls(): { keyId: string; name: string; total: number }[] {
    return [...this.keys.values()]
      .filter((e) => !e.config.demo)
      .map((e) => ({ keyId: e.config.id, name: e.config.name, total: e.passive.total }));
  }

  sendTestNotification(): Promise<TestNotificationResult> {
    return this.testNotification.send(this.deps.notifier, this.settings.notifications.enabled);
  }

  async snooze(choice: SnoozeChoice): Promise<void> {
    this.runtime.snooze = choice === 'off' ? null : snoozeFor(choice, this.deps.now(), this.timeZone);
    this.persist.schedule();
    this.publish();
    if (choice === 'off') this.runAlerts();
  }

  // ---------------------------------------------------------------------------------------------
  // Probing

  /** Probes a key; a probe already under way for it is joined rather than duplicated. */
  private runProbe(entry: KeyEntry, manual: boolean): Promise<void> {
    if (!this.keys.has(entry.config.id)) return Promise.resolve();
    entry.inFlight ??= this.probeOnce(entry, manual).finally(() => {
      entry.inFlight = null;
    });
    return entry.inFlight;
  }

  private async probeOnce(entry: KeyEntry, manual: boolean): Promise<void> {
    entry.probing = true;
    this.publish();
    try {
      const secret = entry.demoSecret ?? (await this.secretOf(entry.config.id));
      if (!entry.demoSecret) this.fingerprints.remember(entry.config.id, secret);
      this.ingest(entry, await this.prober.probeKey(entry, secret), manual);
    } catch (err) {
      this.deps.logger.error('probe failed unexpectedly', { keyId: entry.config.id, reason: errorText(err) });
    } finally {
      entry.probing = false;
      if (this.keys.has(entry.config.id)) this.refresh(entry);
      this.persist.schedule();
      this.publish();
      this.runAlerts();
    }
  }

  /** The secret to store from what the user typed: a token, or a Zoho self client's secrets as one JSON. */
  private async secretFromInput(input: KeyInputData): Promise<string | null> {
    const s = input.secrets;
    if (input.connection.provider !== 'zoho' || (!s.clientSecret && !s.refreshToken)) return s.token ?? null;
    const stored = input.id ? await this.secretOf(input.id) : null;
    return zohoSecretToStore(s, stored);
  }

  /** Folds one probe result into the key's runtime state and the spend ledger. */
  private ingest(entry: KeyEntry, result: ProbeResult, manual: boolean, replay = false): void {
    foldProbeResult(entry, result, manual);
    const cycle = cycleBounds(entry.config.cycle, result.at);
    const free = probeCostsNoQuota(entry.config.connection);
    this.runtime.ledger = recordProbe(this.runtime.ledger, entry.config.id, cycle, result, free);
    const source = result.result?.blocked?.type === 'api_calls_cycle' ? 'breach' : 'estimate';
    if (replay) this.refresh(entry, source, result.at, false);
    else this.refresh(entry, source);
  }

  /** Recomputes the key's insight, records the cycle estimate, and re-arms its probe timer. */
  private refresh(
    entry: KeyEntry,
    source: HistoryPoint['source'] = 'estimate',
    now = this.deps.now(),
    arm = true,
  ): void {
    entry.insight = this.insightOf(entry, now);
    if (rollEntryHistory(entry, this.runtime.ledger, now)) this.persist.schedule();
    recordEstimate(entry, source, now);
    this.cached = null;
    if (arm) this.arm(entry, now);
  }

  private insightOf(entry: KeyEntry, now: number): KeyInsight {
    const { insight, exact } = entryInsight(entry, this.runtime.ledger, this.settings.monitoring, now);
    entry.passiveExact = exact;
    return insight;
  }

  /** Sets the key's timer for its next automatic probe. */
  private arm(entry: KeyEntry, now: number): void {
    this.clearTimer(entry);
    if (!this.running || !entry.insight) return;
    entry.nextProbe = nextProbeOf(entry, entry.insight, now, this.settings.monitoring.maxIntervalHours);
    if (!entry.nextProbe) return;
    const delay = Math.max(0, entry.nextProbe.at - now);
    // Timers cannot wait longer than ~24.8 days; re-arm on the tick instead.
    if (delay > 2 ** 31 - 1) return;
    entry.timer = this.deps.timers.setTimeout(() => {
      entry.timer = null;
      void this.runProbe(entry, false);
    }, delay);
  }

  private clearTimer(entry: KeyEntry): void {
    if (entry.timer) this.deps.timers.clearTimeout(entry.timer);
    entry.timer = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Alerts

  private runAlerts(): void {
    const notifier = this.deps.notifier;
    if (!notifier || !this.running) return;
    const n = this.settings.notifications;
    if (!n.enabled) return;
    this.alertRound = this.alertRound.then(async () => {
      const now = this.deps.now();
      const inputs = [...this.keys.values()].map((e) => alertInput(e, this.settings.notifications, now));
      const prefs: AlertPrefs = { snooze: this.runtime.snooze, quietHours: n.quietHours };
      try {
        const round = await runAlertRound({
          state: this.alerts,
          inputs,
          prefs,
          zone: { timeZone: this.timeZone, locale: this.fmt.fmt.locale },
          notifier,
          now: this.deps.now,
        });
        this.alerts = round.state;
        for (const entry of this.keys.values())
          noteAlertsSent(entry, round.delivered.filter((m) => m.keyId === entry.config.id).length);
        for (const f of round.failed)
          this.deps.logger.warn('notification not delivered', { reason: f.reason });
        if (round.delivered.length > 0 || round.failed.length > 0) {
          this.persist.schedule();
          this.cached = null;
          this.publish();
        }
      } catch (err) {
        this.deps.logger.error('alert round failed', { reason: errorText(err) });
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // State publication and persistence

  private onTick(): void {
    if (!this.running) return;
    const now = this.deps.now();
    for (const entry of this.keys.values()) {
      if (!entry.probing && (!entry.insight || now >= entry.insight.cycle.end || !entry.timer))
        this.refresh(entry);
    }
    this.cached = null;
    this.publish();
    this.runAlerts();
    this.tick = this.deps.timers.setTimeout(() => this.onTick(), TICK_MS);
  }

  private publish(): void {
    this.cached = null;
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      if (this.listeners.size === 0) return;
      const state = this.getState();
      for (const l of this.listeners) {
        try {
          l(state);
        } catch (err) {
          this.deps.logger.error('state listener failed', { reason: errorText(err) });
        }
      }
    });
  }

  private buildState(): AppState {
    const now = this.deps.now();
    this.revision += 1;
    return buildAppState({
      entries: this.keys.values(),
      settings: this.settings,
      ledger: this.runtime.ledger,
      delivery: deliveryStatus(this.alerts),
      notices: [...this.notices, ...this.refreshAlarms.notices()],
      hasNotifier: Boolean(this.deps.notifier),
      demo: this.demo !== null,
      snooze: this.runtime.snooze,
      fmt: this.fmt,
      now,
      revision: this.revision,
      duplicates: keyTwins(this.settings.keys, this.fingerprints),
    });
  }

  private async persistNow(): Promise<void> {
    const { runtime, saved } = stateToSave(this.keys, this.runtime, this.alerts);
    this.runtime = runtime;
    let failure: unknown = null;
    try {
      await this.deps.state.save(saved);
    } catch (err) {
      failure = err;
      this.deps.logger.error('could not save runtime state', { reason: errorText(err) });
    }
    this.noteSave('state', failure);
  }

  /** Saves settings; on failure the user sees one notice and the caller gets the error. */
  private async saveSettings(next: Settings): Promise<void> {
    try {
      await this.deps.settings.save(next);
    } catch (err) {
      this.deps.logger.error('could not save settings', { reason: errorText(err) });
      this.noteSave('settings', err);
      throw err;
    }
    this.noteSave('settings', null);
    this.settings = next;
  }

  private noteSave(file: SavedFile, err: unknown): void {
    const had = this.notices.some((n) => n.id === `${file}-save-failed`);
    if (err === null && !had) return;
    this.notices = withSaveResult(this.notices, file, err);
    this.publish();
  }

  // ---------------------------------------------------------------------------------------------
  // Keys and the demo

  private addEntry(config: KeyConfig, demoSecret?: string): KeyEntry {
    const entry = newKeyEntry(
      config,
      this.runtime.keys[config.id] ?? emptyKeyRuntime(),
      this.deps.now(),
      demoSecret,
    );
    this.keys.set(config.id, entry);
    return entry;
  }

  private realKeyCount(): number {
    return [...this.keys.values()].filter((e) => !e.config.demo).length;
  }

  private async startDemo(): Promise<void> {
    try {
      this.demo = await startDemo({ now: this.deps.now });
    } catch (err) {
      this.deps.logger.error('demo simulator did not start', { reason: errorText(err) });
      this.notices.push({
        id: 'demo-failed',
        level: 'info',
        text: 'The demo project could not start; add a key to begin.',
      });
      return;
    }
    const entry = this.addEntry(this.demo.config, this.demo.secret);
    entry.runtime = emptyKeyRuntime();
    // The real scheduler over the demo cycle's first two weeks, probing the simulator at each chosen time.
    replayDemo(this.demo, this.deps.now(), {
      plannedAt: (t) => this.insightOf(entry, t).schedule.at,
      ingest: (result) => this.ingest(entry, result, false, true),
    });
    if (this.demo.zoho)
      this.addEntry(this.demo.zoho.config, this.demo.zoho.secret).runtime = emptyKeyRuntime();
  }

  private async stopDemo(): Promise<void> {
    const demo = this.demo;
    if (!demo) return;
    this.demo = null;
    for (const config of demo.zoho ? [demo.config, demo.zoho.config] : [demo.config]) {
      const entry = this.keys.get(config.id);
      if (entry) this.clearTimer(entry);
      this.keys.delete(config.id);
      this.zohoTokens.forget(config.id);
      this.refreshAlarms.forget(config.id);
      delete this.runtime.ledger.keys[config.id];
      this.alerts = forgetKey(this.alerts, config.id);
    }
    await demo.close();
  }

  private entryOrThrow(keyId: string): KeyEntry {
    const entry = this.keys.get(keyId);
    if (!entry) throw new IpcRequestError('That key no longer exists.');
    return entry;
  }

  /** Reads each key's secret once at start, so two keys with one secret are flagged before a probe. */
  private async learnFingerprints(): Promise<void> {
    for (const k of this.settings.keys)
      if (!k.demo && this.fingerprints.get(k.id) === null)
        this.fingerprints.remember(k.id, await this.secretOf(k.id));
    if (this.running) this.publish();
  }

  private async secretOf(keyId: string): Promise<string | null> {
    const entry = this.keys.get(keyId);
    if (entry?.demoSecret) return entry.demoSecret;
    try {
      return await this.deps.vault.get(keyId);
    } catch (err) {
      this.deps.logger.error('vault could not read a secret', { keyId, reason: errorText(err) });
      return null;
    }
  }
}
