// Settings' "Send test notification": sent through the notifier, rate-limited, and every outcome in words.
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';
import type { Notifier } from '../../electron/notify/notifier';
import {
  TEST_NOTIFICATION_GAP_MS,
  TEST_TITLE,
  TestNotificationSender,
} from '../../electron/notify/test-notification';

function recording(outcome: Awaited<ReturnType<Notifier['deliver']>> = { ok: true }) {
  const sent: AlertMessage[] = [];
  const notifier: Notifier = {
    name: 'recording',
    async deliver(m) {
      sent.push(m);
      return outcome;
    },
  };
  return { notifier, sent };
}

describe('test notification', () => {
  it('sends one notification and says so', async () => {
    const { notifier, sent } = recording();
    const r = await new TestNotificationSender(() => 1_000).send(notifier, true);
    expect(r).toEqual({
      sent: true,
      message: 'Sent: look for “Headroom test notification” on your desktop.',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ title: TEST_TITLE, kind: 'test', urgency: 'normal', keyId: null });
  });

  it('sends at most one per gap, and says when to try again', async () => {
    let t = 0;
    const { notifier, sent } = recording();
    const sender = new TestNotificationSender(() => t);
    await sender.send(notifier, true);
    t = 3_000;
    expect(await sender.send(notifier, true)).toEqual({
      sent: false,
      message: 'One was sent just now: try again in 7 s.',
    });
    expect(sent).toHaveLength(1);
    t = TEST_NOTIFICATION_GAP_MS;
    expect((await sender.send(notifier, true)).sent).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('says plainly when there is no notification service, or the desktop refused it', async () => {
    const none = await new TestNotificationSender(() => 0).send(null, true);
    expect(none.sent).toBe(false);
    expect(none.message).toMatch(/^No notification service: /);
    const { notifier } = recording({
      ok: false,
      reason: 'no notification daemon answered: is a desktop session running?',
    });
    expect(await new TestNotificationSender(() => 0).send(notifier, true)).toEqual({
      sent: false,
      message: 'No notification service: no notification daemon answered: is a desktop session running?',
    });
  });

  it('reminds the user when notifications are turned off', async () => {
    const { notifier } = recording();
    const r = await new TestNotificationSender(() => 0).send(notifier, false);
    expect(r.sent).toBe(true);
    expect(r.message).toMatch(/notifications are off/);
  });
});
