// Delivery through Electron's own Notification: the default on macOS, and the fallback elsewhere
// when node-notifier cannot deliver. A click opens the popover at the message's key.
import { Notification, type NotificationConstructorOptions } from 'electron';
import type { AlertMessage } from '../core/alerts/types';
import { preferredNotifier } from '../notify/choose';
import { notificationIconPath } from '../notify/icon';
import { createNodeNotifier } from '../notify/node-notifier';
import {
  fallbackNotifier,
  settleWithin,
  type ClickHandler,
  type DeliveryOutcome,
  type Notifier,
} from '../notify/notifier';

const SHOW_TIMEOUT_MS = 5_000;
/** Notifications kept referenced so their click handlers survive garbage collection. */
const MAX_LIVE = 20;

export interface ElectronNotifierConfig {
  onClick?: ClickHandler;
  showTimeoutMs?: number;
  /** Headroom's icon (a PNG on disk); found by notificationIconPath() when not given, null for none. */
  icon?: string | null;
}

export function createElectronNotifier(config: ElectronNotifierConfig = {}): Notifier {
  const live = new Map<string, Notification>();
  const timeoutMs = config.showTimeoutMs ?? SHOW_TIMEOUT_MS;
  const icon = config.icon === undefined ? notificationIconPath() : config.icon;

  function keep(id: string, n: Notification): void {
    live.get(id)?.close(); // a retry of the same alert replaces it rather than stacking
    live.delete(id);
    live.set(id, n);
    while (live.size > MAX_LIVE) {
      const oldest = live.keys().next().value;
      if (oldest === undefined) break;
      live.delete(oldest);
    }
  }

  return {
    name: 'electron',
    deliver(msg: AlertMessage): Promise<DeliveryOutcome> {
      if (!Notification.isSupported()) {
        return Promise.resolve({ ok: false, reason: 'this system does not support desktop notifications' });
      }
      return settleWithin(
        timeoutMs,
        `the system did not show the notification within ${timeoutMs / 1000} s`,
        (err) => `could not show the notification: ${err instanceof Error ? err.message : String(err)}`,
        (finish) => {
          const options: NotificationConstructorOptions = {
            title: msg.title,
            body: msg.body,
            silent: true,
            urgency: msg.urgency,
            timeoutType: msg.urgency === 'critical' ? 'never' : 'default',
          };
          const n = withIcon(options, icon);
          n.on('click', () => config.onClick?.(msg.keyId));
          n.on('close', () => {
            if (live.get(msg.id) === n) live.delete(msg.id);
          });
          n.once('show', () => finish({ ok: true }));
          n.once('failed', (_event, error) =>
            finish({
              ok: false,
              reason: `the system refused the notification: ${String(error).slice(0, 160)}`,
            }),
          );
          keep(msg.id, n);
          n.show();
        },
      );
    },
  };
}

/**
 * A notification with Headroom's icon. Electron throws when a string icon is not a loadable image
 * ("Failed to load image from path"): a damaged icon file must not silence the alert, so it then
 * goes out without one.
 */
function withIcon(options: NotificationConstructorOptions, icon: string | null): Notification {
  if (icon === null) return new Notification(options);
  try {
    return new Notification({ ...options, icon });
  } catch {
    return new Notification(options);
  }
}

/**
 * The app's notifier for a platform: the preferred delivery first, the other as a fallback, so one
 * broken path (notify-send missing, SnoreToast blocked) does not silence alerts.
 */
export function chooseNotifier(platform: NodeJS.Platform, config: ElectronNotifierConfig = {}): Notifier {
  const electron = createElectronNotifier(config);
  const node = createNodeNotifier({ platform });
  return preferredNotifier(platform) === 'electron' ? electron : fallbackNotifier([node, electron]);
}
