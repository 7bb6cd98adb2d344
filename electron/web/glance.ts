// The tray's glance, for a browser tab: the page title says the status and the tightest key, and the
// favicon is the tray icon itself (core/tray/icon). Pure: the page and the server both use it.
import type { AppState } from '../core/view/app-state';
import { STATUSES, statusWord, type Status } from '../core/view/status-words';

/** "72% left · Shop — Headroom", "Blocked · Shop — Headroom", "Headroom" while nothing is known. */
export function pageTitle(state: AppState | null): string {
  if (!state || state.keys.length === 0) return 'Headroom';
  // The key needing attention, else (all fine) the one with the least left: the tray gauge's key.
  const worst =
    state.keys.find((k) => k.id === state.worstKeyId) ??
    [...state.keys].filter((k) => k.level !== null).sort((a, b) => (a.level ?? 1) - (b.level ?? 1))[0] ??
    null;
  // As the tray's title: a figure only when it can be trusted, the word otherwise.
  const figure =
    state.status === 'blocked' || state.status === 'error' || state.level === null
      ? null
      : shareText(state.level);
  const head =
    figure === null
      ? statusWord(state.status)
      : `${figure} left${state.status === 'ok' ? '' : ` (${statusWord(state.status).toLowerCase()})`}`;
  return `${head}${worst ? ` · ${worst.name}` : ''} — Headroom`;
}

/** The favicon's address for a state: status and a gauge level quantised to the icon's visible steps. */
export function faviconPath(state: AppState | null): string {
  const status = state?.status ?? 'stale';
  const level = state?.level;
  const q =
    level === null || level === undefined ? 'none' : String(Math.round(Math.min(1, Math.max(0, level)) * 64));
  return `/favicon.png?status=${status}&level=${q}`;
}

/** Parses faviconPath's query back; null when it is not one faviconPath makes. */
export function parseFaviconQuery(query: URLSearchParams): { status: Status; level: number | null } | null {
  const status = query.get('status');
  const level = query.get('level');
  if (!status || !(STATUSES as readonly string[]).includes(status)) return null;
  if (level === 'none') return { status: status as Status, level: null };
  if (level === null || !/^\d{1,2}$/.test(level) || Number(level) > 64) return null;
  return { status: status as Status, level: Number(level) / 64 };
}

/**
 * The share as the tray writes it (core/tray/format's formatShare: never 0% or 100% unless exact).
 * Repeated here because that module pulls the quota model, and zod with it, into the page's first bundle.
 */
function shareText(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  let pct = Math.round(clamped * 100);
  if (pct === 0 && clamped > 0) pct = 1;
  if (pct === 100 && clamped < 1) pct = 99;
  return `${pct}%`;
}
