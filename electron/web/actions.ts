// The popover's actions over HTTP: `POST /api/<channel>` with the same payload the preload sends over
// IPC, checked by main's own guard (ipc/guard) before the service sees it. One table, like shell/ipc.
import { IpcRequestError, type InvokeChannel } from '../ipc/contract';
import { validateRequest } from '../ipc/guard';
import type { HeadroomService } from '../service/service-types';

export type ActionTable = { [C in InvokeChannel]: (payload: unknown) => Promise<unknown> | unknown };

export function actionTable(service: HeadroomService, onPinned: (pinned: boolean) => void): ActionTable {
  return {
    getState: (p) => {
      validateRequest('getState', p);
      return service.getState();
    },
    probeNow: (p) => service.probeNow(validateRequest('probeNow', p).keyId),
    saveKey: (p) => service.saveKey(validateRequest('saveKey', p)),
    testKey: (p) => service.testKey(validateRequest('testKey', p)),
    deleteKey: (p) => service.deleteKey(validateRequest('deleteKey', p).keyId),
    updateSettings: (p) => service.updateSettings(validateRequest('updateSettings', p)),
    calibrate: (p) => {
      const r = validateRequest('calibrate', p);
      return service.calibrate(r.keyId, r.used, r.at);
    },
    snooze: (p) => service.snooze(validateRequest('snooze', p).duration),
    // A browser tab has no window to keep on top; the shell may still want to know.
    setPinned: (p) => onPinned(validateRequest('setPinned', p).pinned),
    getHistory: (p) => service.getHistory(validateRequest('getHistory', p).keyId),
    // A browser has no save dialog: the content comes back and the page downloads it.
    exportData: (p) => service.exportData(validateRequest('exportData', p)),
    sendTestNotification: (p) => {
      validateRequest('sendTestNotification', p);
      return service.sendTestNotification();
    },
  };
}

export function isAction(table: ActionTable, name: string): name is InvokeChannel {
  return Object.hasOwn(table, name);
}

/** Runs an action; the answer is what the page gets: a result, a refusal (400) or a failure (500). */
export async function runAction(
  table: ActionTable,
  name: InvokeChannel,
  payload: unknown,
): Promise<{ status: number; body: { result: unknown } | { error: string } }> {
  try {
    const result = await table[name](payload);
    return { status: 200, body: { result: result ?? null } };
  } catch (err) {
    if (err instanceof IpcRequestError) return { status: 400, body: { error: err.message } };
    const message = mask(err instanceof Error ? err.message : String(err), payload);
    return {
      status: 500,
      body: { error: message.split('\n')[0]?.slice(0, 200) || 'Headroom could not complete the request' },
    };
  }
}

/** Removes the token the page sent from a message, should a lower layer have echoed it. */
function mask(message: string, payload: unknown): string {
  const token = (payload as { secrets?: { token?: unknown } } | null)?.secrets?.token;
  return typeof token === 'string' && token.length > 0 ? message.split(token).join('••••') : message;
}
