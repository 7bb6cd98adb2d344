// The IPC contract: the one definition of what crosses between main and the renderer.
// - Channel names, and a zod schema for every payload the renderer sends (main validates each one).
// - The view model main sends (AppState), typed here so the renderer, the preload, the test bridge
//   and the fake API in component tests all agree.
// - HeadroomApi: the named functions the preload exposes as `window.headroom` (never ipcRenderer).
// Secrets go in (saveKey/testKey) and never come out: views carry masked keys only.
// This module has no Electron import; the renderer imports only its types.
import { z } from 'zod';
import { CHANNELS } from './channels';
import {
  connectionSchema,
  cycleSettingsSchema,
  monitoringSchema,
  notificationSettingsSchema,
  quietHoursSchema,
  themeSchema,
  thresholdsSchema,
} from '../core/config/settings';
import type { Connection, CycleSettings, Settings } from '../core/config/settings';
import type { CycleEstimate, Forecast } from '../core/forecast/types';
import { planChoiceSchema, type PlanChoice } from '../core/plans/catalog';
import type { ProbeOutcome } from '../core/probe-outcomes';
import type { Blocked, WindowView } from '../core/quota/model';
import type { Status } from '../core/view/status';

// ---------------------------------------------------------------------------------------------
// Channels

export { CHANNELS };
export type InvokeChannel = Exclude<keyof typeof CHANNELS, 'state' | 'focusKey' | 'openSettings'>;

// ---------------------------------------------------------------------------------------------
// Requests (renderer -> main), validated in main

const keyId = z.string().regex(/^[a-z0-9-]{4,40}$/);

/** Secrets as typed by the user. On edit, an absent field keeps the stored secret. */
export const secretInputSchema = z.object({
  /** Voucherify App Token / Client Token, Zoho OAuth token, or the generic API's token. */
  token: z.string().min(1).max(4096).optional(),
});

export const keyInputSchema = z.object({
  /** Absent when adding a key; the id when editing one. */
  id: keyId.optional(),
  name: z.string().trim().min(1, 'give the key a name').max(60),
  connection: connectionSchema,
  secrets: secretInputSchema,
  plan: planChoiceSchema,
  cycle: cycleSettingsSchema,
  thresholds: thresholdsSchema,
});
export type KeyInput = z.input<typeof keyInputSchema>;

export const probeNowSchema = z.object({ keyId: keyId.nullable() });
export const deleteKeySchema = z.object({ keyId });
export const calibrateSchema = z.object({
  keyId,
  /** Billing-cycle calls used, as the vendor's dashboard shows it. */
  used: z.number().int().nonnegative().max(1e10),
  /** When the reading was taken (default: now). */
  at: z.number().int().positive().optional(),
});
export const SNOOZE_CHOICES = ['30m', '1h', '2h', 'tomorrow', 'indefinitely', 'off'] as const;
export const snoozeSchema = z.object({ duration: z.enum(SNOOZE_CHOICES) });
export type SnoozeChoice = z.infer<typeof snoozeSchema>['duration'];
/** A partial update of the app-wide settings (keys are changed through saveKey / deleteKey). */
export const settingsPatchSchema = z
  .object({
    monitoring: monitoringSchema.partial(),
    notifications: notificationSettingsSchema.extend({ quietHours: quietHoursSchema.partial() }).partial(),
    theme: themeSchema,
    launchAtLogin: z.boolean(),
  })
  .partial()
  .strict();
export const setPinnedSchema = z.object({ pinned: z.boolean() });

/** Every invoke channel's request schema: main's guard validates against this table. */
export const REQUEST_SCHEMAS = {
  getState: z.undefined(),
  probeNow: probeNowSchema,
  saveKey: keyInputSchema,
  testKey: keyInputSchema,
  deleteKey: deleteKeySchema,
  updateSettings: settingsPatchSchema,
  calibrate: calibrateSchema,
  snooze: snoozeSchema,
  setPinned: setPinnedSchema,
} as const satisfies Record<InvokeChannel, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// The view model (main -> renderer)

export { STATUSES, type Status } from '../core/view/status';
export { PROBE_OUTCOMES } from '../core/probe-outcomes';
export type ProbeOutcomeName = ProbeOutcome;

export interface ProbeSummary {
  at: number;
  outcome: ProbeOutcomeName;
  /** Human message, already redacted. */
  message: string;
  status: number | null;
  latencyMs: number | null;
  manual: boolean;
}

export interface CycleView {
  start: number;
  end: number;
  limit: number | null;
  /** Where the limit comes from: the plan, or the user's override. */
  limitSource: 'plan' | 'user' | 'none';
  estimate: CycleEstimate | null;
  forecast: Forecast | null;
  /** Cumulative usage points for the sparkline (estimated or read), oldest first. */
  history: { at: number; used: number; source: 'estimate' | 'user' | 'breach' }[];
  /** The forecast cone from now to the cycle end: central path and 80 % band. */
  cone: { at: number; mid: number; low: number; high: number }[];
  /** Latest dashboard reading the user entered, if any. */
  lastReading: { at: number; used: number } | null;
}

export interface KeyView {
  id: string;
  name: string;
  provider: Connection['provider'];
  providerName: string;
  /** Region name or host, e.g. "EU (api.voucherify.io)". */
  location: string;
  /** E.g. "App ID 3f9a…c21d · token ••••7f2a". Never the secret itself. */
  maskedCredentials: string;
  demo: boolean;
  planName: string | null;
  status: Status;
  /** The figure that matters most, for the tooltip and the card header, e.g. "Hourly 42 % left, resets 13:00". */
  headline: string;
  /** 0..1 share left of the worst window (for gauges); null when unknown. */
  level: number | null;
  /** Request, bulk, webhook and other windows (not the billing cycle). */
  windows: WindowView[];
  cycle: CycleView | null;
  blocked: (Blocked & { since: number }) | null;
  lastProbe: ProbeSummary | null;
  nextProbe: { at: number; reason: string } | null;
  probing: boolean;
  /** What is wrong and what to do, when the last probe failed. */
  problem: { title: string; action: string } | null;
  monitor: { callsThisCycle: number; budgetCalls: number | null };
  thresholds: number[];
  cycleSettings: CycleSettings;
  plan: PlanChoice;
  /** The connection without secrets, for the edit form. */
  connection: Connection;
}

export interface AppState {
  /** Increases with every new state; the renderer ignores older ones. */
  revision: number;
  generatedAt: number;
  status: Status;
  /** 0..1 share left for the tray gauge (worst key); null when nothing is known. */
  level: number | null;
  /** The key that needs attention first, if any. */
  worstKeyId: string | null;
  keys: KeyView[];
  /** True while the built-in demo project is shown (no real key configured). */
  demo: boolean;
  monitoring: { callsThisCycle: number; budgetCalls: number | null };
  snooze: { until: number | null; indefinite: boolean };
  settings: Omit<Settings, 'keys' | 'schemaVersion'>;
  /** App-level notices: settings recovered from a corrupted file, weak secret storage, undelivered alerts. */
  notices: { id: string; level: 'info' | 'warning' | 'error'; text: string }[];
}

export interface TestKeyResult {
  ok: boolean;
  outcome: ProbeOutcomeName;
  message: string;
  provider: string | null;
  status: number | null;
  latencyMs: number | null;
  windows: WindowView[];
  warnings: string[];
}

export type SaveKeyResult = { ok: true; keyId: string } | { ok: false; error: string };

/** The preload API: `window.headroom` in the renderer. */
export interface HeadroomApi {
  getState(): Promise<AppState>;
  onState(listener: (state: AppState) => void): () => void;
  onFocusKey(listener: (keyId: string) => void): () => void;
  onOpenSettings(listener: () => void): () => void;
  probeNow(keyId: string | null): Promise<void>;
  saveKey(input: KeyInput): Promise<SaveKeyResult>;
  testKey(input: KeyInput): Promise<TestKeyResult>;
  deleteKey(keyId: string): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<void>;
  calibrate(keyId: string, used: number, at?: number): Promise<void>;
  snooze(duration: SnoozeChoice): Promise<void>;
  setPinned(pinned: boolean): Promise<void>;
}

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** A renderer request that failed validation or was refused: thrown back across IPC as this message. */
export class IpcRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRequestError';
  }
}
