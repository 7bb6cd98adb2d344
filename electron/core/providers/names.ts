// Window ids and labels built from what a server sent (a bucket id, a policy name). Such text is
// untrusted: it becomes a short, printable id, and labels say the period in words a person reads.
import { labelForKind, PERIOD_MS, type Unit, type WindowKind } from '../quota/model';

const MAX_ID = 64;

/** A stable, printable window id from provider text; `fallback` when nothing usable is left. */
export function windowId(raw: string | null | undefined, fallback: string): string {
  if (raw === null || raw === undefined) return fallback;
  const clean = raw
    .trim()
    .replace(/[^A-Za-z0-9._:-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_ID);
  return clean === '' ? fallback : clean;
}

/** "minute", "hour", "10s": a window id for an unnamed window of the given length. */
export function periodId(periodMs: number | null, fallback: string): string {
  switch (periodMs) {
    case null:
      return fallback;
    case PERIOD_MS.second:
      return 'second';
    case PERIOD_MS.minute:
      return 'minute';
    case PERIOD_MS.hour:
      return 'hour';
    case PERIOD_MS.day:
      return 'day';
    default:
      return `${formatSeconds(periodMs / 1000).replace(' ', '')}`;
  }
}

/** "Requests / minute", "Requests / 10 s", "Requests": the label of a window of known kind and period. */
export function periodLabel(kind: WindowKind, unit: Unit, periodMs: number | null): string {
  if (kind !== 'custom' || periodMs === null) return labelForKind(kind, unit);
  return `${labelForKind('custom', unit)} / ${formatSeconds(periodMs / 1000)}`;
}

/** Seconds in the largest whole unit: "10 s", "5 min", "2 h", "3 d". */
function formatSeconds(s: number): string {
  if (s >= 86_400 && s % 86_400 === 0) return `${s / 86_400} d`;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${Math.round(s * 1000) / 1000} s`;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the UI
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Appends a provider's own name for a window to a label, cut short and printable. */
export function withName(label: string, name: string | null): string {
  if (!name) return label;
  const clean = name.replace(CONTROL, '').trim().slice(0, 40);
  // "Requests / day (day)" says nothing twice.
  if (!clean || label.toLowerCase().includes(clean.toLowerCase())) return label;
  return `${label} (${clean})`;
}
