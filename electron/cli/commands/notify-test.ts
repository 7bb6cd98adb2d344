// `notify-test [--title T --body B]`: one notification through the same node-notifier path the app
// uses on Linux and Windows, so a user can check that their desktop shows Headroom's alerts.
import { createNodeNotifier } from '../../notify/node-notifier';
import { CliError, parseFlags, printJson, type CliCommand } from '../cli';

const USAGE = 'notify-test [--title TEXT] [--body TEXT]';
const DEFAULT_TITLE = 'Headroom: test notification';
const DEFAULT_BODY = 'If you can read this, Headroom alerts will reach you.';

export const command: CliCommand = {
  summary:
    'Sends one test notification through the desktop notifier Headroom uses; prints {"delivered": true}.',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(args, { title: { type: 'string' }, body: { type: 'string' } }, USAGE);
    const title = flags.title ?? DEFAULT_TITLE;
    const body = flags.body ?? DEFAULT_BODY;
    if (title.trim() === '') throw new CliError('--title is empty');
    if (body.trim() === '') throw new CliError('--body is empty');
    const notifier = createNodeNotifier();
    const outcome = await notifier.deliver({
      id: 'notify-test',
      kind: 'threshold',
      keyId: null,
      title,
      body,
      urgency: 'normal',
    });
    if (!outcome.ok) throw new CliError(outcome.reason, 1);
    printJson(io, { delivered: true, via: notifier.name });
    return 0;
  },
};
