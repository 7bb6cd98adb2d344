// The tray tooltip: a line per key with the figure that matters most (its headline), worst first.
// Windows cuts tooltips at 127 characters; everything is fitted to the platform's limit and what
// does not fit is counted ("+2 more keys"), never silently dropped.
import type { AppState, KeyView } from '../view/app-state';
import { STATUS_RANK } from '../view/status';
import { clip, formatClock, limitDoubt, type TrayFormat } from './format';

/** Characters a tooltip may hold: Windows' NOTIFYICONDATA.szTip is 128 UTF-16 units with the NUL. */
export function tooltipLimit(platform: NodeJS.Platform): number {
  return platform === 'win32' ? 127 : 1000;
}

const MAX_LINE = 90;

/** Keys in the order a user should look at them: worst status first, then least left, then name. */
export function worstFirst(keys: readonly KeyView[]): KeyView[] {
  return [...keys].sort(
    (a, b) =>
      STATUS_RANK[b.status] - STATUS_RANK[a.status] ||
      (a.level ?? 2) - (b.level ?? 2) ||
      a.name.localeCompare(b.name),
  );
}

export function keyLine(key: KeyView, format: TrayFormat = {}): string {
  const doubt = limitDoubt(key.cycle, format);
  // Its question first: a figure under a limit the reading exceeds would read as normal.
  return `${key.name}${key.demo ? ' (demo)' : ''}: ${doubt ? `${doubt} · ` : ''}${key.headline}`;
}

export function buildTooltip(
  state: AppState,
  now: number,
  platform: NodeJS.Platform,
  format: TrayFormat = {},
): string {
  const limit = tooltipLimit(platform);
  const header = state.demo ? 'Headroom (demo data)' : 'Headroom';
  if (state.keys.length === 0) return clip(`${header}: no keys yet, open it to add one`, limit);

  const tail: string[] = [];
  if (state.snooze.indefinite) tail.push('Alerts snoozed');
  else if (state.snooze.until !== null && state.snooze.until > now)
    tail.push(`Alerts snoozed until ${formatClock(state.snooze.until, now, format)}`);

  const lines = worstFirst(state.keys).map((k) => clip(keyLine(k, format), MAX_LINE));
  const fits = (n: number) => {
    const more = lines.length - n;
    const body = [header, ...lines.slice(0, n), ...(more > 0 ? [moreLine(more)] : []), ...tail];
    return body.join('\n');
  };
  for (let n = lines.length; n >= 1; n--) {
    const text = fits(n);
    if (text.length <= limit) return text;
  }
  // Not even one key fits whole: the worst key alone, cut to the limit, with the count of the rest.
  const more = lines.length - 1;
  const suffix = more > 0 ? `\n${moreLine(more)}` : '';
  return `${clip(`${header}\n${lines[0] ?? ''}`, limit - suffix.length)}${suffix}`;
}

function moreLine(n: number): string {
  return `+${n} more key${n === 1 ? '' : 's'}`;
}
