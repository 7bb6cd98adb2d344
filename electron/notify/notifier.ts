// The one delivery contract. The engine decides what to say; a Notifier only shows it and says
// honestly whether that worked, so an alert counts as fired only once it reached the desktop.
import type { AlertMessage, DeliveryOutcome } from '../core/alerts/types';

export type { DeliveryOutcome };

export interface Notifier {
  /** Short name for logs and the tray ("notify-send", "electron", ...). */
  readonly name: string;
  /** Shows one message. Never rejects: every failure is `{ ok: false, reason }` with a clear reason. */
  deliver(msg: AlertMessage): Promise<DeliveryOutcome>;
}

/** Called with the message's key (null for a digest over several keys) when the user clicks it. */
export type ClickHandler = (keyId: string | null) => void;

/** Tries each notifier in turn; the first success wins, otherwise the reasons are joined. */
export function fallbackNotifier(notifiers: readonly Notifier[]): Notifier {
  return {
    name: notifiers.map((n) => n.name).join(' > '),
    async deliver(msg) {
      const reasons: string[] = [];
      for (const n of notifiers) {
        const outcome = await safeDeliver(n, msg);
        if (outcome.ok) return outcome;
        reasons.push(`${n.name}: ${outcome.reason}`);
      }
      return { ok: false, reason: reasons.join('; ') || 'no notifier configured' };
    },
  };
}

/** A notifier that breaks its promise and throws still yields an outcome. */
export async function safeDeliver(n: Notifier, msg: AlertMessage): Promise<DeliveryOutcome> {
  try {
    return await n.deliver(msg);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: text.split('\n')[0]?.slice(0, 200) || 'delivery failed' };
  }
}

/**
 * A delivery that settles once: with the first outcome `start` reports through `finish`, or with
 * `ok: false` and `timeoutReason` when nothing is reported within `timeoutMs`. A throw is a failure.
 */
export function settleWithin(
  timeoutMs: number,
  timeoutReason: string,
  failureReason: (err: unknown) => string,
  start: (finish: (outcome: DeliveryOutcome) => void) => void,
): Promise<DeliveryOutcome> {
  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: timeoutReason }), timeoutMs);
    try {
      start(finish);
    } catch (err) {
      finish({ ok: false, reason: failureReason(err) });
    }
  });
}
