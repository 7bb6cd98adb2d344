// ipcMain handlers for every invoke channel of the contract. Each call is checked twice before the
// service sees it: the sender must be the app's own top-level frame, and the payload must parse
// with the channel's schema (electron/ipc/guard). Refusals are IpcRequestErrors with short messages;
// a failure inside the service reaches the renderer as one line, with any token it was given masked.
import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IpcRequestError, type InvokeChannel } from '../ipc/contract';
import { isTrustedSender, validateRequest, type RequestOf } from '../ipc/guard';
import type { HeadroomService } from '../service/service-types';
import type { Logger } from '../service/ports';
import { silentLogger } from '../service/ports';
import { saveExport } from './export-dialog';

export interface IpcDeps {
  service: HeadroomService;
  /** "app://headroom" in production, the dev server's origin in development. */
  expectedOrigin: string;
  setPinned(pinned: boolean): void;
  logger?: Logger;
}

type Handlers = { [C in InvokeChannel]: (request: RequestOf<C>) => Promise<unknown> | unknown };

export function registerIpc(deps: IpcDeps): () => void {
  const { service } = deps;
  const logger = deps.logger ?? silentLogger;
  const handlers: Handlers = {
    getState: () => service.getState(),
    probeNow: (r) => service.probeNow(r.keyId),
    saveKey: (r) => service.saveKey(r),
    testKey: (r) => service.testKey(r),
    deleteKey: (r) => service.deleteKey(r.keyId),
    updateSettings: (r) => service.updateSettings(r),
    calibrate: (r) => service.calibrate(r.keyId, r.used, r.at),
    snooze: (r) => service.snooze(r.duration),
    setPinned: (r) => deps.setPinned(r.pinned),
    getHistory: (r) => service.getHistory(r.keyId),
    // The popover has focus when its Export… is clicked: the dialog is parented to it.
    exportData: async (r) => saveExport(await service.exportData(r), BrowserWindow.getFocusedWindow()),
    sendTestNotification: () => service.sendTestNotification(),
  };

  const channels = Object.keys(handlers) as InvokeChannel[];
  for (const channel of channels) {
    ipcMain.handle(CHANNELS[channel], (event, payload: unknown) =>
      handle(channel, event, payload, handlers, deps.expectedOrigin, logger),
    );
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(CHANNELS[c]));
}

async function handle<C extends InvokeChannel>(
  channel: C,
  event: IpcMainInvokeEvent,
  payload: unknown,
  handlers: Handlers,
  expectedOrigin: string,
  logger: Logger,
): Promise<unknown> {
  const frame = event.senderFrame;
  const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
  if (!isTrustedSender(sender, expectedOrigin)) {
    logger.warn('ipc refused: untrusted sender', { channel, origin: originOf(sender?.url) });
    throw new IpcRequestError('request refused: not from the Headroom window');
  }
  const request = validateRequest(channel, payload);
  try {
    return await (handlers[channel] as (r: RequestOf<C>) => unknown)(request);
  } catch (err) {
    if (err instanceof IpcRequestError) throw err;
    const message = mask(err instanceof Error ? err.message : String(err), payload);
    logger.error('ipc handler failed', { channel, message });
    // Only the message crosses to the renderer; the cause stays in main.
    throw new Error(message.split('\n')[0]?.slice(0, 200) || 'Headroom could not complete the request', {
      cause: err,
    });
  }
}

/** Removes the token the renderer sent from a message, should a lower layer have echoed it. */
function mask(message: string, payload: unknown): string {
  const token = (payload as { secrets?: { token?: unknown } } | null)?.secrets?.token;
  return typeof token === 'string' && token.length > 0 ? message.split(token).join('••••') : message;
}

function originOf(url: string | undefined): string {
  if (!url) return 'none';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'unparseable';
  }
}
