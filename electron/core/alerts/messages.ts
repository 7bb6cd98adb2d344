// The words of every alert: short, specific, and honest about where a figure came from
// ("about" for estimates, "as of" for old readings). Times are local to an injected zone and locale.
import { limitWord } from '../view/limit-words';
import type { Forecast } from '../forecast/types';
import { usedFraction, type Blocked, type WindowKind, type WindowView } from '../quota/model';
import {
  createFmt,
  formatCount as sharedCount,
  formatDay as sharedDay,
  formatDayRange,
  formatMoment as sharedMoment,
  formatPercent,
  formatShare,
  type Fmt,
} from '../text/format';
import { safeTimeZone, type LocalZone } from './local-time';

export interface TextContext {
  now: number;
  zone: LocalZone;
}

export interface AlertText {
  title: string;
  body: string;
}

const MAX_NAME = 48;
const SEP = ' · ';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The key's name as it may appear on screen: no control characters, bounded, never empty. */
export function displayName(keyName: string): string {
  const clean = keyName.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return 'API key';
  return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean;
}

const KIND_WORDS: Record<WindowKind, string> = {
  'requests-second': 'per-second',
  'requests-minute': 'per-minute',
  'requests-hour': 'hourly',
  'requests-day': 'daily',
  'rolling-24h': '24-hour',
  'billing-cycle': 'billing-cycle',
  bulk: 'bulk',
  webhooks: 'webhook',
  concurrency: 'concurrency',
  tokens: 'token',
  credits: 'credit',
  custom: 'custom',
};

/** "hourly", "billing-cycle", ...: the word before "quota". */
export function quotaWord(w: Pick<WindowView, 'kind' | 'label'>): string {
  if (w.kind === 'custom' && w.label.trim() !== '') return w.label.trim().toLowerCase();
  return KIND_WORDS[w.kind];
}

function isEstimate(w: WindowView): boolean {
  return w.source === 'estimate' || w.resetSinceObserved;
}

const fmtOf = (ctx: TextContext): Fmt => createFmt(ctx.zone.locale, safeTimeZone(ctx.zone.timeZone));

/** "13:00" today, "Tue 13:00" this week, "1 Dec, 00:00" beyond: the user's zone, never UTC. */
export function formatMoment(ms: number, ctx: TextContext): string {
  return sharedMoment(fmtOf(ctx), ms, ctx.now);
}

/** "14 Dec". */
export function formatDay(ms: number, ctx: TextContext): string {
  return sharedDay(fmtOf(ctx), ms);
}

function formatCount(n: number, ctx: TextContext): string {
  return sharedCount(fmtOf(ctx), n);
}

/** Percent used, floored so that a message never overstates (90.4 % reads 90 %). */
export function percentUsed(w: WindowView): number | null {
  const f = usedFraction(w);
  return f === null ? null : Math.floor(f * 100 + 1e-9);
}

/** "Shop API: 90 % of hourly quota used" / "904 of 1,000 requests used · resets 13:00". */
export function thresholdText(
  keyName: string,
  w: WindowView,
  cycleEnd: number,
  ctx: TextContext,
  /** In how many of the previous periods this level was crossed, when that makes it a routine. */
  routineCount: number | null = null,
): AlertText {
  const about = isEstimate(w) ? 'about ' : '';
  const pct = percentUsed(w) ?? 0;
  const title = `${displayName(keyName)}: ${about}${formatPercent(fmtOf(ctx), pct)} of ${quotaWord(w)} quota used`;
  const parts: string[] = [];
  const limit = w.limit ?? 0;
  const used = w.used ?? (w.remaining === null ? null : limit - w.remaining);
  if (used !== null)
    parts.push(`${about}${formatCount(used, ctx)} of ${formatCount(limit, ctx)} ${w.unit} used`);
  if (w.kind === 'billing-cycle') parts.push(`renews ${formatDay(cycleEnd, ctx)}`);
  else if (w.resetAt !== null) parts.push(`resets ${formatMoment(w.resetAt, ctx)}`);
  if (w.stale && !w.resetSinceObserved) parts.push(`as of ${formatMoment(w.observedAt, ctx)}`);
  if (routineCount !== null) {
    const unit = periodWord(w.periodMs);
    parts.push(`also ${routineCount} of the last 24 ${unit}s: mentioned at most once a day while it lasts`);
  }
  return { title, body: parts.join(SEP) };
}

/** "Shop API is blocked: billing-cycle quota reached" / "Lifts 1 Dec 00:00". */
export function breachText(
  keyName: string,
  blocked: Blocked,
  w: WindowView | null,
  ctx: TextContext,
): AlertText {
  const what = w ? `${quotaWord(w)} quota reached` : `${limitWord(blocked.type)} reached`;
  const title = `${displayName(keyName)} is blocked: ${what}`;
  const body =
    blocked.retryAt === null
      ? 'The provider did not say when it lifts'
      : `Lifts ${formatMoment(blocked.retryAt, ctx)}`;
  return { title, body };
}

/** "Shop API will run out about 14 Dec" / "80 % range: 12–17 Dec · renews 1 Jan · 72 % chance". */
export function predictiveText(
  keyName: string,
  forecast: Forecast & { runOutAt: number },
  cycleEnd: number,
  ctx: TextContext,
): AlertText {
  const title = `${displayName(keyName)} will run out about ${formatDay(forecast.runOutAt, ctx)}`;
  const parts: string[] = [];
  const { low, high } = forecast;
  if (low !== null && high !== null) {
    parts.push(`${formatShare(fmtOf(ctx), 0.8)} range: ${formatDayRange(fmtOf(ctx), low, high)}`);
  } else if (low !== null) {
    parts.push(`${formatShare(fmtOf(ctx), 0.8)} range: ${formatDay(low, ctx)} to after renewal`);
  }
  parts.push(`renews ${formatDay(cycleEnd, ctx)}`);
  if (forecast.probabilityRunOut !== null)
    parts.push(`${formatShare(fmtOf(ctx), forecast.probabilityRunOut)} chance`);
  return { title, body: parts.join(SEP) };
}

/** "Shop API: requests available again" / "Hourly quota reset · The block on the request limit lifted". */
export function recoveryText(
  keyName: string,
  lifted: { blockType: string | null; windows: WindowView[]; since: number },
  ctx: TextContext,
): AlertText {
  const unit = lifted.windows[0]?.unit ?? 'requests';
  const title = `${displayName(keyName)}: ${unit} available again`;
  const parts = lifted.windows.map((w) => {
    const word = quotaWord(w);
    return `${word.charAt(0).toUpperCase()}${word.slice(1)} quota reset`;
  });
  if (lifted.blockType !== null) parts.push(`The block on the ${limitWord(lifted.blockType)} lifted`);
  parts.push(`since ${formatMoment(lifted.since, ctx)}`);
  return { title, body: parts.join(SEP) };
}

const DIGEST_LINES = 4;

/** Several alerts due at once, as one notification: a count, then the most serious first. */
export function digestText(
  items: readonly { keyName: string; title: string }[],
  keyCount: number,
): AlertText {
  const first = items[0];
  const title =
    keyCount === 1 && first
      ? `${displayName(first.keyName)}: ${items.length} alerts`
      : `Headroom: ${items.length} alerts on ${keyCount} keys`;
  const lines = items.slice(0, DIGEST_LINES).map((i) => i.title);
  const rest = items.length - lines.length;
  if (rest > 0) lines.push(`and ${rest} more in Headroom`);
  return { title, body: lines.join('\n') };
}

function periodWord(periodMs: number | null): string {
  if (periodMs === 60_000) return 'minute';
  if (periodMs === 86_400_000) return 'day';
  if (periodMs === 1_000) return 'second';
  return periodMs === 3_600_000 ? 'hour' : 'period';
}
