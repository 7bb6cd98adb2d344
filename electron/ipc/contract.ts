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
import { planChoiceSchema } from '../core/plans/catalog';
import type { WindowView } from '../core/quota/model';
import type { KeyHistoryView } from '../core/history/summary';
import {
  SNOOZE_CHOICES,
  type AppState,
  type ProbeOutcomeName,
  type SnoozeChoice,
} from '../core/view/app-state';

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
  /** Zoho self client: its client secret and a refresh token (stored together, never shown again). */
  clientSecret: z.string().trim().min(1).max(500).optional(),
  refreshToken: z.string().trim().min(1).max(1000).optional(),
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
  /** Save even though another key monitors the same project (the user said "add anyway"). */
  allowDuplicate: z.boolean().optional(),
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
export const snoozeSchema = z.object({ duration: z.enum(SNOOZE_CHOICES) });
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
export const getHistorySchema = z.object({ keyId });
export const exportDataSchema = z.object({ format: z.enum(['csv', 'json']), keyId: keyId.optional() });

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
  getHistory: getHistorySchema,
  exportData: exportDataSchema,
  sendTestNotification: z.undefined(),
} as const satisfies Record<InvokeChannel, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// The view model (main -> renderer)

export { STATUSES, type Status } from '../core/view/status';
export { PROBE_OUTCOMES } from '../core/probe-outcomes';
export {
  SNOOZE_CHOICES,
  type AppState,
  type CycleView,
  type KeyPrompt,
  type KeyView,
  type PromptAction,
  type RiskView,
  type RiskiestKey,
  type ProbeOutcomeName,
  type ProbeSummary,
  type SnoozeChoice,
} from '../core/view/app-state';

export interface TestKeyResult {
  ok: boolean;
  outcome: ProbeOutcomeName;
  message: string;
  provider: string | null;
  status: number | null;
  latencyMs: number | null;
  windows: WindowView[];
  warnings: string[];
  /** The kind of connection tested, so advice names only the fields that kind of key has. */
  connection?: 'voucherify' | 'zoho' | 'generic';
}

export type { KeyHistoryView } from '../core/history/summary';

/**
 * What Export… did: in Electron the file went through a save dialog (saved, or the user cancelled);
 * elsewhere (the browser shell) the content comes back for the page to download.
 */
export type ExportResult =
  | { status: 'saved'; path: string }
  | { status: 'cancelled' }
  | { status: 'download'; filename: string; mime: string; content: string };
export type ExportRequest = z.infer<typeof exportDataSchema>;

export type SaveKeyResult =
  | { ok: true; keyId: string }
  /** `duplicateOf`: the names of the keys that already monitor this project (save with allowDuplicate). */
  | { ok: false; error: string; duplicateOf?: string[] };

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
  /** A key's past cycles, forecast track record and this cycle against the same point of the last ones. */
  getHistory(keyId: string): Promise<KeyHistoryView | null>;
  /** Export… observations, daily usage and the cycle archive (one key, or all). */
  exportData(request: ExportRequest): Promise<ExportResult>;
  /** Settings' "Send test notification": one notification now (rate-limited), and what came of it. */
  sendTestNotification(): Promise<TestNotificationResult>;
}

/** What "Send test notification" did, in words for the Settings panel. */
export interface TestNotificationResult {
  sent: boolean;
  message: string;
}

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** A renderer request that failed validation or was refused: thrown back across IPC as this message. */
export class IpcRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRequestError';
  }
}
