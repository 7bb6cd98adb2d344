// Statuses in words, for the header chip and the key cards.
import type { Status } from '../../../electron/ipc/contract';

const WORDS: Record<Status, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  blocked: 'Blocked',
  stale: 'Out of date',
  error: 'Problem',
};

export function statusWord(status: Status): string {
  return WORDS[status];
}

/** The app-level sentence when nothing needs attention, or which key does. */
export function overallWord(status: Status, keyCount: number): string {
  if (keyCount === 0) return 'No keys yet';
  if (status === 'ok') return keyCount === 1 ? 'Headroom OK' : 'All keys OK';
  return statusWord(status);
}
