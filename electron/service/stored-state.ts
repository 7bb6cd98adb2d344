// What the last run left, read at start: the runtime state and alert state (each started afresh,
// with a notice or a log line, when unreadable), and a warning when the vault's encryption is weak.
import { parseAlertState, type AlertState } from '../core/alerts/state';
import type { Logger, StorageNotice } from './ports';
import { readRuntime, type RuntimeState } from './runtime-state';

export function readStoredState(
  raw: unknown,
  logger: Logger,
): { runtime: RuntimeState; alerts: AlertState; notices: StorageNotice[] } {
  const notices: StorageNotice[] = [];
  const { state, problem } = readRuntime(raw);
  if (problem) {
    notices.push({
      id: 'runtime-reset',
      level: 'warning',
      text: `Saved quota history could not be read and was started afresh (${problem}).`,
    });
    logger.warn('runtime state unreadable', { problem });
  }
  const alerts = parseAlertState(state.alerts);
  if (alerts.problem) logger.warn('alert state unreadable', { problem: alerts.problem });
  return { runtime: state, alerts: alerts.state, notices };
}

export function vaultNotice(vault: { backend: string; weak: boolean }): StorageNotice | null {
  // 'unavailable' (nothing can be stored) is the shell's own error notice; 'weak' is readable storage.
  if (!vault.weak || vault.backend === 'unavailable') return null;
  return {
    id: 'weak-vault',
    level: 'warning',
    text: `Keys are stored with ${vault.backend} encryption, which other programs of this user can read. Install a keyring (GNOME Keyring or KWallet) to protect them.`,
  };
}
