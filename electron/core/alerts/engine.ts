// The alert rule engine. Pure: state, inputs, `now` and preferences in; new state and the
// notifications to send out. Each alert is a fact that is true now and owed to the user:
//   armed (no record) -> pending (true, not yet delivered) -> fired (delivered).
// A fact counts as fired only when recordDelivery() reports a successful delivery; a failed one stays
// pending and is retried after a backoff. A pending fact that stops being true is dropped, so what
// finally goes out (after a snooze, quiet hours or an outage) is only what is still true, as one digest.
import { usedFraction, type WindowView } from '../quota/model';
import type { LocalZone } from './local-time';
import {
  breachText,
  digestText,
  percentUsed,
  predictiveText,
  recoveryText,
  thresholdText,
  type AlertText,
  type TextContext,
} from './messages';
import { suppression, type AlertPrefs, type Suppression } from './prefs';
import { thresholdsFor } from './rules';
import { emptyKeyState, type AlertState, type KeyAlertState } from './state';
import type { AlertMessage, DeliveryOutcome, KeyAlertInput } from './types';

const DAY_MS = 86_400_000;
/** A message handed to a notifier with no outcome reported after this is presumed lost (e.g. a crash). */
export const IN_FLIGHT_TIMEOUT_MS = 120_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 15 * 60_000;
/**
 * A block or exhaustion that ends sooner than this gets no recovery alert: its alert already said
 * when it would end, and a minute-long outage is over before anyone could act on the news.
 */
export const MIN_OUTAGE_MS = 10 * 60_000;
/**
 * A level crossed in at least ROUTINE_MIN of the previous ROUTINE_LOOKBACK periods is a routine, not
 * news: it is announced as such at most once a day per window, and its other crossings are recorded silently.
 */
export const ROUTINE_MIN = 3;
export const ROUTINE_LOOKBACK = 24;
/** Probability of running out before renewal at which a predictive alert is due. */
export const PREDICTIVE_PROBABILITY = 0.5;
/**
 * How long the forecast must keep saying "runs out" before the user is told: half the time left
 * before the run-out, at most three days. Early in a cycle the probability swings around the
 * threshold with each day's pace; the first-cycle backtest (docs/first-cycle.md) showed most false
 * warnings were such swings, gone within hours. A run-out a week away can wait two or three days
 * for the pace to agree: with a day's hold (a quarter of the lead) a Startup cycle that ended at 9,979 of
 * 10,000 was warned after its forecast had said so for 25 hours (it said so for 53); a run-out a few
 * hours away is told within hours, and the 90 and 100 % thresholds do not wait.
 */
export const PREDICTIVE_HOLD_MS = 3 * DAY_MS;

/** The hold a run-out `leadMs` ahead needs (see PREDICTIVE_HOLD_MS). */
export function predictiveHoldMs(leadMs: number): number {
  return Math.max(0, Math.min(PREDICTIVE_HOLD_MS, leadMs / 2));
}

export type Held = Suppression | { reason: 'backoff'; until: number };

export interface EvaluateResult {
  state: AlertState;
  /** At most one message: a single alert, or one digest when several are due at once. */
  outgoing: AlertMessage[];
  /** Why alerts that are owed were held back, for the tray; null when nothing was held. */
  held: Held | null;
}

/** Delay before the next attempt after `failures` failed deliveries in a row: 30 s doubling to 15 min. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}

export function evaluate(
  state: AlertState,
  inputs: readonly KeyAlertInput[],
  now: number,
  prefs: AlertPrefs,
  zone: LocalZone,
): EvaluateResult {
  const next = structuredClone(state);
  for (const input of inputs) {
    const ks = next.keys[input.keyId] ?? emptyKeyState();
    const recovered = updateThresholds(ks, input, now);
    const liftedBlock = updateBreach(ks, input, now);
    updatePredictive(ks, input, now);
    updateRecovery(ks, input, now, recovered, liftedBlock);
    releaseLostDeliveries(ks, now);
    next.keys[input.keyId] = ks;
  }

  const owed = inputs.some((i) => hasDue(next.keys[i.keyId]));
  const held = suppression(prefs, now, zone.timeZone);
  if (held) return { state: next, outgoing: [], held: owed ? held : null };
  const retryAt = next.delivery.retryAt;
  if (retryAt !== null && now < retryAt) {
    return { state: next, outgoing: [], held: owed ? { reason: 'backoff', until: retryAt } : null };
  }

  const candidates = inputs.flatMap((input) => {
    const ks = next.keys[input.keyId];
    return ks ? candidatesFor(ks, input, { now, zone }) : [];
  });
  if (candidates.length === 0) return { state: next, outgoing: [], held: null };
  const message = compose(candidates);
  for (const c of candidates) c.mark(message.id, now);
  return { state: next, outgoing: [message], held: null };
}

/** Reports how delivering the given messages went. Success fires their facts; failure backs off. */
export function recordDelivery(
  state: AlertState,
  messageIds: readonly string[],
  outcome: DeliveryOutcome,
  now: number,
): AlertState {
  const next = structuredClone(state);
  const ids = new Set(messageIds);
  const mine = (f: { inFlight: string | null } | null): boolean =>
    f !== null && f.inFlight !== null && ids.has(f.inFlight);
  for (const ks of Object.values(next.keys)) {
    for (const t of Object.values(ks.thresholds)) {
      if (!mine(t)) continue;
      if (outcome.ok) t.phase = 'fired';
      t.inFlight = null;
      t.sentAt = null;
    }
    if (ks.breach && mine(ks.breach)) {
      if (outcome.ok) ks.breach.phase = 'fired';
      ks.breach.inFlight = null;
      ks.breach.sentAt = null;
    }
    const p = ks.predictive;
    if (p && mine(p)) {
      if (outcome.ok) {
        p.announcedRunOutAt = p.sentRunOutAt;
        p.pending = false;
      }
      p.sentRunOutAt = null;
      p.inFlight = null;
      p.sentAt = null;
    }
    if (ks.recovery && mine(ks.recovery)) {
      if (outcome.ok) ks.recovery = null;
      else {
        ks.recovery.inFlight = null;
        ks.recovery.sentAt = null;
      }
    }
  }
  const d = next.delivery;
  if (outcome.ok) {
    d.failures = 0;
    d.retryAt = null;
    d.lastSuccessAt = now;
  } else {
    d.failures += 1;
    d.retryAt = now + backoffMs(d.failures);
    d.lastFailure = { at: now, reason: outcome.reason.slice(0, 300) };
  }
  return next;
}

/** Drops everything remembered about a key (call when the user deletes it). */
export function forgetKey(state: AlertState, keyId: string): AlertState {
  const keys = { ...state.keys };
  delete keys[keyId];
  return { ...state, keys };
}

// ---------------------------------------------------------------------------------------------
// Facts

export function thresholdFactId(windowId: string, level: number): string {
  return `${windowId}@${level}`;
}

export function splitFactId(id: string): { windowId: string; level: number } {
  const at = id.lastIndexOf('@');
  return { windowId: id.slice(0, at), level: Number(id.slice(at + 1)) };
}

/**
 * End of the period a window's current figures belong to: its reset, or the cycle's end. Null for a
 * window with no reset time (a rolling or leaky window never resets; it re-arms by the margin alone,
 * and a fixed window whose reset passed unseen shows as refilled, which re-arms it the same way).
 */
function periodEndOf(w: WindowView, input: KeyAlertInput): number | null {
  if (w.kind === 'billing-cycle') return input.cycleEnd;
  return w.resetAt;
}

/**
 * How far a window's reset must move before it counts as a new period: half a period absorbs
 * jitter between readings (and the creep of rolling windows) without missing a real reset.
 */
function newPeriodTolerance(w: WindowView, input: KeyAlertInput): number {
  if (w.kind === 'billing-cycle') return Math.max(60_000, (input.cycleEnd - input.cycleStart) / 2);
  return w.periodMs !== null ? w.periodMs / 2 : 60_000;
}

/** Usage in percent when it can be trusted enough to alert on: not the plan's, not flagged. */
function trustedPercent(w: WindowView): number | null {
  if (w.source === 'plan' || w.flag !== null) return null;
  const f = usedFraction(w);
  return f === null ? null : f * 100;
}

/** Updates threshold facts; returns the windows whose announced exhaustion has ended. */
function updateThresholds(ks: KeyAlertState, input: KeyAlertInput, now: number): string[] {
  const recovered: string[] = [];
  const seen = new Set<string>();
  const margin = input.rules.rearmMargin;
  for (const w of input.windows) {
    const pct = trustedPercent(w);
    const periodEnd = periodEndOf(w, input);
    for (const level of thresholdsFor(input.rules, w.kind)) {
      const id = thresholdFactId(w.id, level);
      seen.add(id);
      const f = ks.thresholds[id];
      if (f) {
        const newPeriod =
          f.periodEnd !== null &&
          periodEnd !== null &&
          periodEnd >= f.periodEnd + newPeriodTolerance(w, input);
        const fellBelow = pct !== null && pct < level - margin;
        if (newPeriod || fellBelow) {
          if (f.phase === 'fired' && !f.muted && level >= 100 && now - f.since >= MIN_OUTAGE_MS)
            recovered.push(w.id);
          delete ks.thresholds[id];
        } else if (f.periodEnd === null && periodEnd !== null) {
          f.periodEnd = periodEnd;
        }
      }
      if (!ks.thresholds[id] && pct !== null && pct >= level) {
        const kind = classifyCrossing(ks, id, w, periodEnd, now);
        const muted = kind === 'muted';
        ks.thresholds[id] = {
          phase: muted ? 'fired' : 'pending',
          since: now,
          periodEnd,
          muted,
          routine: typeof kind === 'number' ? kind : null,
          inFlight: null,
          sentAt: null,
        };
      }
    }
  }
  for (const id of Object.keys(ks.thresholds)) if (!seen.has(id)) delete ks.thresholds[id];
  for (const [id, h] of Object.entries(ks.habits)) {
    if ((h.periods.at(-1) ?? 0) < now - 2 * DAY_MS) delete ks.habits[id];
  }
  return recovered;
}

/**
 * Records a new crossing of a level and says whether it is news, a routine to announce (with the
 * number of the previous periods it was crossed in), or a routine already announced today (muted).
 * Only windows of a day or less with a known period can have a routine.
 */
function classifyCrossing(
  ks: KeyAlertState,
  id: string,
  w: WindowView,
  periodEnd: number | null,
  now: number,
): 'news' | 'muted' | number {
  if (periodEnd === null || w.periodMs === null || w.periodMs > DAY_MS || w.kind === 'billing-cycle')
    return 'news';
  const period = w.periodMs;
  const h = ks.habits[id] ?? { periods: [], notedAt: null };
  // Crossings in the previous periods; half a period of slack absorbs jitter in reset times.
  const before = h.periods.filter((p) => p < periodEnd - period / 2);
  const recent = before.filter((p) => p > periodEnd - (ROUTINE_LOOKBACK + 0.5) * period).length;
  h.periods = [...before.filter((p) => p > periodEnd - 24 * period), periodEnd].slice(-24);
  ks.habits[id] = h;
  if (recent < ROUTINE_MIN) return 'news';
  // One routine note a day per window, whichever of its levels it is about.
  const prefix = `${splitFactId(id).windowId}@`;
  const noted = Object.entries(ks.habits).some(
    ([other, o]) => other.startsWith(prefix) && o.notedAt !== null && now - o.notedAt < DAY_MS,
  );
  if (noted) return 'muted';
  h.notedAt = now;
  return recent;
}

/** Updates the breach fact; returns the type of a block that lifted after the user was told of it. */
function updateBreach(ks: KeyAlertState, input: KeyAlertInput, now: number): string | null {
  const b = input.blocked;
  if (!input.rules.breachAlerts) {
    ks.breach = null;
    return null;
  }
  if (b) {
    const same = ks.breach && ks.breach.type === b.type && ks.breach.windowId === b.windowId;
    if (!same) {
      ks.breach = {
        phase: 'pending',
        since: now,
        type: b.type,
        windowId: b.windowId,
        inFlight: null,
        sentAt: null,
      };
    }
    return null;
  }
  const b0 = ks.breach;
  const lifted = b0 && b0.phase === 'fired' && now - b0.since >= MIN_OUTAGE_MS ? b0.type : null;
  ks.breach = null;
  return lifted;
}

/** The run-out time a predictive alert is about, or null when none is due to be told. */
function predictedRunOut(input: KeyAlertInput, now: number): number | null {
  const f = input.forecast;
  if (!f || f.status !== 'ok' || f.runOutAt === null || f.probabilityRunOut === null) return null;
  if (f.probabilityRunOut < PREDICTIVE_PROBABILITY) return null;
  // A notification interrupts: it waits until even the late end of the 80 % range runs out before
  // renewal (the card shows the risk before then). First-cycle backtest: warnings at 50-85 % for
  // cycles that ended at 88-94 % of their quota were the false alarms left after the hold.
  if (f.high === null || f.high > input.cycleEnd) return null;
  // Already run out: the breach and 100 % alerts speak for it.
  if (f.runOutAt <= now || f.runOutAt > input.cycleEnd) return null;
  return f.runOutAt;
}

function updatePredictive(ks: KeyAlertState, input: KeyAlertInput, now: number): void {
  if (!input.rules.predictiveAlerts) {
    ks.predictive = null;
    return;
  }
  let p = ks.predictive;
  if (p && p.cycleStart !== input.cycleStart) p = null; // a new cycle: once per cycle starts over
  const runOut = predictedRunOut(input, now);
  if (runOut !== null) {
    if (!p) {
      p = {
        cycleStart: input.cycleStart,
        announcedRunOutAt: null,
        pending: false,
        sentRunOutAt: null,
        since: now,
        inFlight: null,
        sentAt: null,
      };
    }
    // Held since: a record from before holds were kept starts its hold now.
    const heldSince = p.heldSince ?? now;
    p.heldSince = heldSince;
    const owed = p.announcedRunOutAt === null || runOut <= p.announcedRunOutAt - DAY_MS;
    const settled = now - heldSince >= predictiveHoldMs(runOut - now);
    if (owed && settled && !p.pending) {
      p.pending = true;
      p.since = now;
    } else if (!owed) {
      p.pending = false;
    }
  } else if (p) {
    // The forecast no longer says so: a warning not yet sent is dropped and the hold starts over.
    p.pending = false;
    delete p.heldSince;
  }
  if (p && !p.pending && p.announcedRunOutAt === null && p.inFlight === null && p.heldSince === undefined)
    p = null;
  ks.predictive = p;
}

function updateRecovery(
  ks: KeyAlertState,
  input: KeyAlertInput,
  now: number,
  recoveredWindows: string[],
  liftedBlock: string | null,
): void {
  if (!input.rules.recoveryAlerts) {
    ks.recovery = null;
    return;
  }
  if (recoveredWindows.length > 0 || liftedBlock !== null) {
    const r = ks.recovery ?? { since: now, blockType: null, windowIds: [], inFlight: null, sentAt: null };
    r.windowIds = [...new Set([...r.windowIds, ...recoveredWindows])].slice(0, 64);
    r.blockType = liftedBlock ?? r.blockType;
    // News arrived while a recovery message was in flight: send again rather than lose it.
    r.inFlight = null;
    r.sentAt = null;
    ks.recovery = r;
  }
  const r = ks.recovery;
  if (!r) return;
  if (input.blocked) {
    ks.recovery = null; // blocked again: "available again" is no longer true
    return;
  }
  r.windowIds = r.windowIds.filter((id) => {
    const w = input.windows.find((v) => v.id === id);
    const f = w ? usedFraction(w) : null;
    return w !== undefined && !w.exhausted && (f === null || f < 1);
  });
  if (r.windowIds.length === 0 && r.blockType === null) ks.recovery = null;
}

function releaseLostDeliveries(ks: KeyAlertState, now: number): void {
  const facts = [...Object.values(ks.thresholds), ks.breach, ks.predictive, ks.recovery];
  for (const f of facts) {
    if (f && f.inFlight !== null && (f.sentAt === null || now - f.sentAt > IN_FLIGHT_TIMEOUT_MS)) {
      f.inFlight = null;
      f.sentAt = null;
    }
  }
}

function hasDue(ks: KeyAlertState | undefined): boolean {
  if (!ks) return false;
  return (
    Object.values(ks.thresholds).some((t) => t.phase === 'pending') ||
    ks.breach?.phase === 'pending' ||
    ks.predictive?.pending === true ||
    ks.recovery !== null
  );
}

// ---------------------------------------------------------------------------------------------
// Messages

interface Candidate {
  id: string;
  kind: Exclude<AlertMessage['kind'], 'digest'>;
  keyId: string;
  keyName: string;
  text: AlertText;
  urgency: AlertMessage['urgency'];
  /** Orders a digest: lower first. */
  rank: number;
  /** Marks the facts this alert covers as in flight in the given message. */
  mark(messageId: string, now: number): void;
}

function candidatesFor(ks: KeyAlertState, input: KeyAlertInput, ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  const base = { keyId: input.keyId, keyName: input.keyName };
  const covered = new Set<string>();

  const b = ks.breach;
  if (b && b.phase === 'pending' && b.inFlight === null && input.blocked) {
    const w = input.windows.find((v) => v.id === b.windowId) ?? null;
    // The breach says the window is full: its pending thresholds go out with it, not on their own.
    const levels = Object.entries(ks.thresholds).filter(
      ([id, t]) =>
        b.windowId !== null &&
        id.startsWith(`${b.windowId}@`) &&
        t.phase === 'pending' &&
        t.inFlight === null,
    );
    for (const [id] of levels) covered.add(id);
    out.push({
      ...base,
      id: `breach:${input.keyId}:${b.type}:${b.since}`,
      kind: 'breach',
      text: breachText(input.keyName, input.blocked, w, ctx),
      urgency: 'critical',
      rank: 0,
      mark(messageId, now) {
        for (const f of [b, ...levels.map(([, t]) => t)]) {
          f.inFlight = messageId;
          f.sentAt = now;
        }
      },
    });
  }

  for (const w of input.windows) {
    const levels = Object.entries(ks.thresholds).filter(
      ([id, t]) =>
        splitFactId(id).windowId === w.id && !covered.has(id) && t.phase === 'pending' && t.inFlight === null,
    );
    if (levels.length === 0) continue;
    const top = Math.max(...levels.map(([id]) => splitFactId(id).level));
    const first = levels[0]?.[1];
    // A routine is announced as one (at most once a day), with how often it happened.
    const routine = levels.reduce<number | null>(
      (a, [, t]) => (t.routine === null ? a : Math.max(a ?? 0, t.routine)),
      null,
    );
    out.push({
      ...base,
      id: `threshold:${input.keyId}:${w.id}:${top}:${first?.periodEnd ?? first?.since ?? 0}`,
      kind: 'threshold',
      text: thresholdText(input.keyName, w, input.cycleEnd, ctx, routine),
      urgency: 'normal',
      rank: 2 - (percentUsed(w) ?? 0) / 100, // fuller windows first
      mark(messageId, now) {
        for (const [, t] of levels) {
          t.inFlight = messageId;
          t.sentAt = now;
        }
      },
    });
  }

  const p = ks.predictive;
  const runOut = predictedRunOut(input, ctx.now);
  if (p && p.pending && p.inFlight === null && runOut !== null && input.forecast) {
    out.push({
      ...base,
      id: `predictive:${input.keyId}:${p.cycleStart}:${p.since}`,
      kind: 'predictive',
      text: predictiveText(input.keyName, { ...input.forecast, runOutAt: runOut }, input.cycleEnd, ctx),
      urgency: 'normal',
      rank: 3,
      mark(messageId, now) {
        p.inFlight = messageId;
        p.sentAt = now;
        p.sentRunOutAt = runOut;
      },
    });
  }

  const r = ks.recovery;
  if (r && r.inFlight === null) {
    const windows = r.windowIds.flatMap((id) => input.windows.filter((v) => v.id === id));
    out.push({
      ...base,
      id: `recovery:${input.keyId}:${r.since}`,
      kind: 'recovery',
      text: recoveryText(input.keyName, { blockType: r.blockType, windows, since: r.since }, ctx),
      urgency: 'normal',
      rank: 4,
      mark(messageId, now) {
        r.inFlight = messageId;
        r.sentAt = now;
      },
    });
  }
  return out;
}

/** One alert as itself; several as one digest, the most serious first. */
function compose(candidates: Candidate[]): AlertMessage {
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    return { id: only.id, kind: only.kind, keyId: only.keyId, ...only.text, urgency: only.urgency };
  }
  const sorted = [...candidates].sort((a, b) => a.rank - b.rank || a.keyName.localeCompare(b.keyName));
  const keyIds = new Set(sorted.map((c) => c.keyId));
  const text = digestText(
    sorted.map((c) => ({ keyName: c.keyName, title: c.text.title })),
    keyIds.size,
  );
  return {
    id: `digest:${fnv1a(
      sorted
        .map((c) => c.id)
        .sort()
        .join('\n'),
    )}`,
    kind: 'digest',
    keyId: keyIds.size === 1 ? (sorted[0]?.keyId ?? null) : null,
    ...text,
    urgency: sorted.some((c) => c.urgency === 'critical') ? 'critical' : 'normal',
  };
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
