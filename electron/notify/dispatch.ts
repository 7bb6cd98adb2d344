// One alert round: evaluate the rules, deliver what is due, and report each outcome back so the
// engine knows what really reached the user. Node-side glue with no Electron import.
import { evaluate, recordDelivery, type Held } from '../core/alerts/engine';
import type { LocalZone } from '../core/alerts/local-time';
import type { AlertPrefs } from '../core/alerts/prefs';
import type { AlertState } from '../core/alerts/state';
import type { AlertMessage, DeliveryOutcome, KeyAlertInput } from '../core/alerts/types';
import { safeDeliver, type Notifier } from './notifier';

export interface AlertRound {
  state: AlertState;
  delivered: AlertMessage[];
  failed: { message: AlertMessage; reason: string }[];
  held: Held | null;
}

export interface AlertRoundInput {
  state: AlertState;
  inputs: readonly KeyAlertInput[];
  prefs: AlertPrefs;
  zone: LocalZone;
  notifier: Notifier;
  /** The clock; read once before evaluating and again after each delivery. */
  now: () => number;
}

/**
 * Evaluates and delivers. The caller persists the returned state: it is the only record of what
 * fired, so a restart does not repeat alerts.
 */
export async function runAlertRound(input: AlertRoundInput): Promise<AlertRound> {
  const result = evaluate(input.state, input.inputs, input.now(), input.prefs, input.zone);
  let state = result.state;
  const delivered: AlertMessage[] = [];
  const failed: AlertRound['failed'] = [];
  for (const message of result.outgoing) {
    const outcome: DeliveryOutcome = await safeDeliver(input.notifier, message);
    state = recordDelivery(state, [message.id], outcome, input.now());
    if (outcome.ok) delivered.push(message);
    else failed.push({ message, reason: outcome.reason });
  }
  return { state, delivered, failed, held: result.held };
}
