// Statuses in words, for the header chip and the key cards.
import type { Status } from '../../../electron/ipc/contract';
import { statusWord } from '../../../electron/core/view/status-words';

export { statusWord };

/** The app-level sentence when nothing needs attention, or which key does. */
export function overallWord(status: Status, keyCount: number): string {
  if (keyCount === 0) return 'No keys yet';
  if (status === 'ok') return keyCount === 1 ? 'Headroom OK' : 'All keys OK';
  return statusWord(status);
}
