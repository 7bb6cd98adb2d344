// The tray's context menu as plain data, built from the AppState. The shell turns it into an
// Electron Menu and maps each item's `action` to the service; rebuilding it on every state change
// is cheap (Linux needs setContextMenu again to show new labels).
// Every figure says how it was obtained: "≈" estimated, "plan" when only the plan's limit is known,
// the age when the reading is old.
import { limitWord } from '../view/limit-words';
import type { WindowView } from '../quota/model';
import type { AppState, CycleView, KeyView, SnoozeChoice } from '../view/app-state';
import {
  clip,
  formatAge,
  formatClock,
  formatCount,
  formatShare,
  formatWhen,
  limitDoubt,
  statusWord,
  type TrayFormat,
} from './format';

export type MenuAction =
  | { type: 'probe'; keyId: string | null }
  | { type: 'open' }
  | { type: 'focus'; keyId: string }
  | { type: 'snooze'; duration: SnoozeChoice }
  | { type: 'settings' }
  | { type: 'quit' };

export interface MenuItemModel {
  /** Stable within a menu, for tests and for finding items. */
  id: string;
  type: 'normal' | 'separator' | 'submenu';
  label: string;
  enabled: boolean;
  action?: MenuAction;
  submenu?: MenuItemModel[];
}

const MAX_LABEL = 80;
const MAX_NOTICES = 3;

const item = (id: string, label: string, action?: MenuAction, enabled = true): MenuItemModel => ({
  id,
  type: 'normal',
  label: clip(label, MAX_LABEL),
  enabled: action === undefined ? false : enabled,
  ...(action ? { action } : {}),
});
const info = (id: string, label: string): MenuItemModel => item(id, label);
const separator = (id: string): MenuItemModel => ({ id, type: 'separator', label: '', enabled: false });
const submenu = (id: string, label: string, items: MenuItemModel[]): MenuItemModel => ({
  id,
  type: 'submenu',
  label: clip(label, MAX_LABEL),
  enabled: true,
  submenu: items,
});

export const SNOOZE_LABELS: Record<Exclude<SnoozeChoice, 'off'>, string> = {
  '30m': 'For 30 minutes',
  '1h': 'For 1 hour',
  '2h': 'For 2 hours',
  tomorrow: 'Until tomorrow morning',
  indefinitely: 'Until I resume them',
};

export function buildTrayMenu(state: AppState, now: number, format: TrayFormat = {}): MenuItemModel[] {
  const menu: MenuItemModel[] = [info('summary', summaryLine(state))];
  state.notices
    .filter((n) => n.level !== 'info')
    .slice(0, MAX_NOTICES)
    .forEach((n) => menu.push(info(`notice:${n.id}`, `${n.level === 'error' ? '✖' : '⚠'} ${n.text}`)));
  menu.push(separator('sep-keys'));

  if (state.keys.length === 0) {
    menu.push(info('no-keys', 'No keys yet: open Headroom to add one'));
  }
  for (const key of state.keys) {
    menu.push(submenu(`key:${key.id}`, keyLabel(key), keyItems(key, now, format)));
  }

  menu.push(
    separator('sep-actions'),
    item(
      'probe-all',
      state.keys.length > 1 ? 'Probe all keys now' : 'Probe now',
      { type: 'probe', keyId: null },
      state.keys.length > 0,
    ),
    item('open', 'Open Headroom', { type: 'open' }),
    submenu('snooze', snoozeLabel(state, now, format), snoozeItems(state, now)),
    item('settings', 'Settings…', { type: 'settings' }),
    separator('sep-quit'),
    item('quit', 'Quit Headroom', { type: 'quit' }),
  );
  return menu;
}

function summaryLine(state: AppState): string {
  const prefix = state.demo ? 'Headroom demo (simulated data)' : 'Headroom';
  if (state.keys.length === 0) return prefix;
  const attention = state.keys.filter((k) => k.status !== 'ok').length;
  if (attention === 0) return `${prefix}: ${state.keys.length === 1 ? 'OK' : 'all keys OK'}`;
  return `${prefix}: ${attention} of ${state.keys.length} key${state.keys.length === 1 ? '' : 's'} ${
    attention === 1 ? 'needs' : 'need'
  } attention`;
}

function keyLabel(key: KeyView): string {
  const status = key.status === 'ok' ? '' : `[${statusWord(key.status)}] `;
  return `${status}${key.name}${key.demo ? ' (demo)' : ''}: ${key.headline}`;
}

function keyItems(key: KeyView, now: number, f: TrayFormat): MenuItemModel[] {
  const id = key.id;
  const items: MenuItemModel[] = [info(`${id}:status`, `Status: ${statusWord(key.status)}`)];
  if (key.blocked) {
    const until =
      key.blocked.retryAt === null
        ? 'retry time unknown'
        : `until ${formatClock(key.blocked.retryAt, now, f)}`;
    items.push(info(`${id}:blocked`, `Blocked: ${limitWord(key.blocked.type)} reached, ${until}`));
  }
  if (key.problem) items.push(info(`${id}:problem`, `${key.problem.title}: ${key.problem.action}`));

  const windows = orderWindows(key.windows);
  windows.forEach((w) => items.push(info(`${id}:window:${w.id}`, windowLine(w, now, f))));
  if (key.cycle)
    cycleLines(key.cycle, now, f).forEach((line, i) => items.push(info(`${id}:cycle:${i}`, line)));
  if (windows.length === 0 && !key.cycle) items.push(info(`${id}:no-data`, 'No readings yet'));

  if (key.lastProbe) {
    const p = key.lastProbe;
    const outcome = p.outcome === 'ok' ? '' : ` (${p.message})`;
    items.push(info(`${id}:last-probe`, `Last probe ${formatAge(now - p.at, f)}${outcome}`));
  }
  if (key.probing) items.push(info(`${id}:probing`, 'Probing…'));
  else if (key.nextProbe)
    items.push(info(`${id}:next-probe`, `Next probe ${formatWhen(key.nextProbe.at, now, f)}`));

  items.push(
    separator(`${id}:sep`),
    item(`${id}:probe`, 'Probe now', { type: 'probe', keyId: id }, !key.probing),
    item(`${id}:focus`, 'Show in Headroom', { type: 'focus', keyId: id }),
  );
  return items;
}

/** Request windows first (shortest period first), then bulk, webhooks and the rest. */
function orderWindows(windows: readonly WindowView[]): WindowView[] {
  const rank = (w: WindowView) => {
    if (w.kind.startsWith('requests-') || w.kind === 'rolling-24h') return 0;
    if (w.kind === 'bulk') return 1;
    if (w.kind === 'webhooks') return 2;
    return 3;
  };
  return [...windows]
    .filter((w) => w.kind !== 'billing-cycle')
    .sort((a, b) => rank(a) - rank(b) || (a.periodMs ?? Infinity) - (b.periodMs ?? Infinity));
}

/** "Requests / hour: 420 of 1,000 left · resets 13:00", with its provenance. */
export function windowLine(w: WindowView, now: number, f: TrayFormat = {}): string {
  let figure: string;
  if (w.exhausted) figure = `none left${w.limit === null ? '' : ` of ${formatCount(w.limit, f)}`}`;
  else if (w.remaining === null && w.limit !== null)
    figure = `limit ${formatCount(w.limit, f)} (plan; not seen yet)`;
  else if (w.remaining === null) figure = 'not seen yet';
  else {
    const approx = w.source === 'estimate' ? '≈' : '';
    const of = w.limit === null ? '' : ` of ${formatCount(w.limit, f)}`;
    figure = `${approx}${formatCount(w.remaining, f)}${of} left`;
  }
  const parts = [`${w.label}: ${figure}`];
  if (w.resetAt !== null) parts.push(`resets ${formatWhen(w.resetAt, now, f)}`);
  if (w.stale && w.source !== 'plan') parts.push(`seen ${formatAge(w.ageMs, f)}`);
  if (w.flag) parts.push('uncertain');
  return parts.join(' · ');
}

/** The billing cycle: what is left (estimated, with its band) and when it renews; the run-out forecast. */
export function cycleLines(cycle: CycleView, now: number, f: TrayFormat = {}): string[] {
  const renews = `renews ${formatWhen(cycle.end, now, f)}`;
  const e = cycle.estimate;
  const lines: string[] = [];
  if (!e) {
    lines.push(
      `Billing cycle: ${cycle.limit === null ? 'no limit set' : `limit ${formatCount(cycle.limit, f)}`}, no estimate yet · ${renews}`,
    );
  } else if (cycle.limit === null) {
    lines.push(`Billing cycle: ≈${formatCount(e.used, f)} used (no limit set) · ${renews}`);
  } else if (cycle.limitInDoubt) {
    // A reading above the limit while the API answers: ask, never "0 left" (prompts.ts).
    lines.push(`Billing cycle: ${limitDoubt(cycle, f) ?? ''} · ${renews}`);
  } else {
    const left = Math.max(0, cycle.limit - e.used);
    const share = formatShare(left / Math.max(1, cycle.limit), f);
    const basis = e.basis === 'dashboard' ? 'from your dashboard reading' : 'estimated';
    // An exact figure (a fresh reading, a breach: the band rounds to one call) carries no "≈".
    const approx = Math.round(e.low) === Math.round(e.high) ? '' : '≈';
    lines.push(
      `Billing cycle: ${approx}${formatCount(left, f)} of ${formatCount(cycle.limit, f)} left (${share}, ${basis}) · ${renews}`,
    );
  }
  const fc = cycle.forecast;
  if (fc && fc.status === 'ok' && fc.runOutAt !== null && fc.runOutAt < cycle.end) {
    const p = fc.probabilityRunOut === null ? '' : ` (${formatShare(fc.probabilityRunOut, f)} likely)`;
    lines.push(`Runs out ≈ ${formatWhen(fc.runOutAt, now, f)} before renewal${p}`);
  } else if (fc && fc.status === 'insufficient-data') {
    lines.push(
      fc.needsReading === true
        ? 'Forecast: enter a dashboard reading (too few probes this cycle)'
        : 'Forecast: not enough data yet',
    );
  }
  return lines;
}

function snoozed(state: AppState, now: number): boolean {
  return state.snooze.indefinite || (state.snooze.until !== null && state.snooze.until > now);
}

function snoozeLabel(state: AppState, now: number, f: TrayFormat): string {
  if (state.snooze.indefinite) return 'Notifications snoozed';
  if (state.snooze.until !== null && state.snooze.until > now)
    return `Notifications snoozed until ${formatClock(state.snooze.until, now, f)}`;
  return 'Snooze notifications';
}

function snoozeItems(state: AppState, now: number): MenuItemModel[] {
  const choices = Object.entries(SNOOZE_LABELS) as [Exclude<SnoozeChoice, 'off'>, string][];
  return [
    ...choices.map(([duration, label]) => item(`snooze:${duration}`, label, { type: 'snooze', duration })),
    separator('snooze:sep'),
    item('snooze:off', 'Resume notifications', { type: 'snooze', duration: 'off' }, snoozed(state, now)),
  ];
}

/**
 * Text beside the macOS menu bar icon: the worst key's share left ("42%"), "~42%" when that figure
 * is out of date, "Blocked", or nothing when the level is unknown. Empty elsewhere is harmless:
 * Tray.setTitle is macOS-only.
 */
export function trayTitle(state: AppState): string {
  if (state.keys.length === 0) return '';
  if (state.status === 'blocked') return 'Blocked';
  if (state.level === null || state.status === 'error') return '';
  const share = formatShare(state.level);
  return state.status === 'stale' ? `~${share}` : share;
}

/** Menu labels are user text (key names): "&" would become a mnemonic on Windows and Linux. */
export function escapeMenuLabel(label: string): string {
  return label.replace(/&/g, '&&');
}
