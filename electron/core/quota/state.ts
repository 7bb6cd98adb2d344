// A key's quota state over time. Observations merge in (the newest reading of a window wins, an
// older one arriving late is ignored); the view at a moment ages them: a window past its reset is
// shown as refilled (an estimate), a breach holds its window at zero until the retry time, and the
// plan fills what was never observed.
import type { Plan } from '../plans/plan';
import { labelForKind, type Blocked, type ParseResult, type QuotaWindow, type WindowView } from './model';

export interface KeyQuotaState {
  windows: Record<string, QuotaWindow>;
  blocked: Blocked | null;
  /** When the block was observed (to order it against later observations). */
  blockedAt: number | null;
  lastObservedAt: number | null;
  /** Local minus server clock from the newest response with a Date header. */
  clockSkewMs: number | null;
}

export const EMPTY_STATE: KeyQuotaState = Object.freeze({
  windows: {},
  blocked: null,
  blockedAt: null,
  lastObservedAt: null,
  clockSkewMs: null,
}) as KeyQuotaState;

/** Merges one parsed response, observed at `at` (local epoch ms), into the state. Pure. */
export function mergeObservation(state: KeyQuotaState, result: ParseResult, at: number): KeyQuotaState {
  const windows = { ...state.windows };
  for (const w of result.windows) {
    const prev = windows[w.id];
    if (prev && prev.observedAt > w.observedAt) continue; // late arrival: the newer reading stands
    // A breach tells that a window is empty, not its size: keep the size we knew.
    const limit = w.limit ?? (w.source === 'breach' ? (prev?.limit ?? null) : null);
    windows[w.id] = w.limit === limit ? w : { ...w, limit, used: w.used ?? limit };
  }
  const newer = state.lastObservedAt === null || at >= state.lastObservedAt;
  let { blocked, blockedAt } = state;
  if (result.blocked && (blockedAt === null || at >= blockedAt)) {
    blocked = result.blocked;
    blockedAt = at;
  } else if (
    !result.blocked &&
    newer &&
    result.status >= 200 &&
    result.status < 300 &&
    (blockedAt === null || at >= blockedAt)
  ) {
    // A successful call proves the key is not blocked any more.
    blocked = null;
    blockedAt = null;
  }
  return {
    windows,
    blocked,
    blockedAt,
    lastObservedAt: newer ? at : state.lastObservedAt,
    clockSkewMs: newer && result.clockSkewMs !== null ? result.clockSkewMs : state.clockSkewMs,
  };
}

/** Server time for a local moment, correcting by the skew the responses showed. */
export function serverTime(state: KeyQuotaState, now: number): number {
  return now - (state.clockSkewMs ?? 0);
}

/** The block in force at `now`, or null once its retry time has passed. */
export function activeBlock(state: KeyQuotaState, now: number): Blocked | null {
  const b = state.blocked;
  if (!b) return null;
  if (b.retryAt !== null && serverTime(state, now) >= b.retryAt) return null;
  return b;
}

export interface ViewOptions {
  /** An observation older than this is stale (default one hour). */
  staleAfterMs?: number;
}

const DEFAULT_STALE_MS = 3_600_000;

/** The windows as they stand at `now`, plan-filled and aged. Pure. */
export function viewWindows(
  state: KeyQuotaState,
  plan: Plan | null,
  now: number,
  options: ViewOptions = {},
): WindowView[] {
  const staleAfter = options.staleAfterMs ?? DEFAULT_STALE_MS;
  const block = activeBlock(state, now);
  const serverNow = serverTime(state, now);
  const views: WindowView[] = [];

  for (const w of Object.values(state.windows)) {
    const planLimit = plan?.windows.find((p) => p.id === w.id)?.limit ?? null;
    let view: WindowView = {
      ...w,
      limit: w.limit ?? planLimit,
      ageMs: Math.max(0, now - w.observedAt),
      resetSinceObserved: false,
      stale: now - w.observedAt > staleAfter,
      exhausted: false,
    };
    if (view.limit !== null && w.limit === null && view.remaining !== null)
      view.used = Math.max(0, view.limit - view.remaining);

    const exhaustedByBlock = block !== null && block.windowId === w.id;
    const passedReset =
      w.resetAt !== null ? serverNow >= w.resetAt : w.periodMs !== null && now - w.observedAt >= w.periodMs;
    if (exhaustedByBlock) {
      view = { ...view, remaining: 0, used: view.limit, exhausted: true };
    } else if (passedReset && w.kind !== 'billing-cycle') {
      // The window has refilled since it was seen: full, by inference. The next reset follows one
      // period later when the period is known.
      let nextReset: number | null = null;
      if (w.resetAt !== null && w.periodMs !== null) {
        const periods = Math.floor((serverNow - w.resetAt) / w.periodMs) + 1;
        nextReset = w.resetAt + periods * w.periodMs;
      }
      view = {
        ...view,
        remaining: view.limit,
        used: view.limit === null ? null : 0,
        resetAt: nextReset,
        source: 'estimate',
        resetSinceObserved: true,
      };
    }
    views.push(view);
  }

  for (const p of plan?.windows ?? []) {
    if (state.windows[p.id]) continue;
    const exhausted = block !== null && block.windowId === p.id;
    views.push({
      id: p.id,
      kind: p.kind,
      unit: p.unit,
      label: labelForKind(p.kind, p.unit),
      limit: p.limit,
      remaining: exhausted ? 0 : null,
      used: exhausted ? p.limit : null,
      resetAt: exhausted ? block.retryAt : null,
      periodMs: p.periodMs,
      observedAt: now,
      source: 'plan',
      flag: null,
      ageMs: 0,
      resetSinceObserved: false,
      stale: false,
      exhausted,
    });
  }
  return views;
}
