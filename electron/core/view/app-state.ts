// The view model main sends to every shell (AppState and its parts). It lives in the core so the core's
// own view builders (key view, tray menu, tooltip) need nothing from the IPC layer above them; the IPC
// contract re-exports it for the preload, the renderer and the web shell.
import type { Connection, CycleSettings, Settings } from '../config/settings';
import type { CycleEstimate, Forecast } from '../forecast/types';
import type { KeyPrompt } from '../insight/prompts';
import type { PlanChoice } from '../plans/catalog';
import type { ProbeOutcome } from '../probe-outcomes';
import type { Blocked, WindowView } from '../quota/model';
import type { Status } from './status';

export const SNOOZE_CHOICES = ['30m', '1h', '2h', 'tomorrow', 'indefinitely', 'off'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];
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
  /**
   * False while the days before monitoring began are inferred (no dashboard reading, no breach):
   * the card then offers the dashboard reading as the fix. Absent = anchored.
   */
  anchored?: boolean;
  /** The provider's dashboard, where the cycle's exact usage can be read for free. */
  dashboardUrl?: string | null;
  /**
   * True while a dashboard reading above the limit puts the limit in doubt (the API still answers):
   * the card asks about the plan instead of saying "used up". Absent = false.
   */
  limitInDoubt?: boolean;
}

/** The header's risk line: a key's run-out risk with the key it belongs to. */
export interface RiskiestKey extends RiskView {
  keyId: string;
  name: string;
}

/** The chance of running out before renewal, when it is 20 % or more (shown on the card and in the header). */
export interface RiskView {
  probability: number;
  /** 80 % range of the run-out time; high null = after renewal. */
  low: number | null;
  high: number | null;
  /** "39 % chance to run out, between 12 Dec and 18 Dec". */
  text: string;
}

export type { KeyPrompt, PromptAction } from '../insight/prompts';

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
  /** True when the headline ends with the run-out risk (risk below): the header then says it once. */
  headlineTellsRisk?: boolean;
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
  /** Questions for the user instead of silent figures (reading above the limit, plan, clock, duplicate). */
  prompts?: KeyPrompt[];
  /** The run-out risk when it is 20 % or more; absent or null otherwise. */
  risk?: RiskView | null;
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
  /**
   * The key most likely to run out before renewal (from a 20 % chance), for the header's risk line;
   * null when no key is at risk or the worst-key line above it already tells this same risk
   * (riskiest.ts).
   */
  riskiest: RiskiestKey | null;
  keys: KeyView[];
  /** True while the built-in demo project is shown (no real key configured). */
  demo: boolean;
  /** The key that used the largest share of its own cycle's probe budget (never a sum over keys);
   *  keyName names it when there is more than one key. */
  monitoring: { callsThisCycle: number; budgetCalls: number | null; keyName: string | null };
  snooze: { until: number | null; indefinite: boolean };
  settings: Omit<Settings, 'keys' | 'schemaVersion'>;
  /** App-level notices: settings recovered from a corrupted file, weak secret storage, undelivered alerts. */
  notices: { id: string; level: 'info' | 'warning' | 'error'; text: string }[];
}
