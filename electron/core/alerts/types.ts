// The alert engine's inputs and outputs.
import type { Forecast } from '../forecast/types';
import type { Blocked, WindowView } from '../quota/model';
import type { AlertRules } from './rules';

/** One key as the app service sees it at a moment, built from its quota state and forecast. */
export interface KeyAlertInput {
  keyId: string;
  /** The user's name for the key (never the token). */
  keyName: string;
  /** viewWindows() output; includes the billing cycle as kind 'billing-cycle' (source 'estimate' when estimated). */
  windows: WindowView[];
  /** The block in force now (activeBlock), null when none. */
  blocked: Blocked | null;
  /** The billing-cycle forecast, null when there is none. */
  forecast: Forecast | null;
  cycleStart: number;
  cycleEnd: number;
  rules: AlertRules;
}

/** `test`: the user's "Send test notification" from Settings, never raised by the engine. */
export type AlertKind = 'threshold' | 'breach' | 'predictive' | 'recovery' | 'digest' | 'test';

/** One notification to deliver. */
export interface AlertMessage {
  /** Stable across retries of the same alert, so a notifier can replace rather than stack. */
  id: string;
  kind: AlertKind;
  /** Clicking the notification opens the popover at this key; null (a digest over several keys) = the overview. */
  keyId: string | null;
  title: string;
  body: string;
  /** Breaches are critical (they stay on screen); the rest are normal. */
  urgency: 'normal' | 'critical';
}

export type DeliveryOutcome = { ok: true } | { ok: false; reason: string };
