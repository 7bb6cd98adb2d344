// Settings' "Send test notification": one real notification through the app's notifier, so the user
// sees that alerts will reach the desktop (or why not) before one matters. Rate-limited: a button
// pressed repeatedly must not flood the desktop.
import type { AlertMessage } from '../core/alerts/types';
import { safeDeliver, type Notifier } from './notifier';

/** At most one test notification in this long. */
export const TEST_NOTIFICATION_GAP_MS = 10_000;

export interface TestNotificationOutcome {
  sent: boolean;
  message: string;
}

export const TEST_TITLE = 'Headroom test notification';

export class TestNotificationSender {
  private lastAt: number | null = null;

  constructor(private readonly now: () => number) {}

  async send(notifier: Notifier | null, notificationsEnabled: boolean): Promise<TestNotificationOutcome> {
    const now = this.now();
    if (this.lastAt !== null && now - this.lastAt < TEST_NOTIFICATION_GAP_MS) {
      const wait = Math.ceil((this.lastAt + TEST_NOTIFICATION_GAP_MS - now) / 1000);
      return { sent: false, message: `One was sent just now: try again in ${wait} s.` };
    }
    if (!notifier)
      return {
        sent: false,
        message:
          'No notification service: desktop notifications are not available here; the tray icon shows every alert.',
      };
    this.lastAt = now;
    const msg: AlertMessage = {
      id: `test-${now}`,
      kind: 'test',
      keyId: null,
      title: TEST_TITLE,
      body: 'Alerts will look like this.',
      urgency: 'normal',
    };
    const outcome = await safeDeliver(notifier, msg);
    if (!outcome.ok) return { sent: false, message: `No notification service: ${outcome.reason}` };
    return {
      sent: true,
      message: notificationsEnabled
        ? 'Sent: look for “Headroom test notification” on your desktop.'
        : 'Sent. Desktop notifications are off above: alerts will not be shown until you turn them on.',
    };
  }
}
