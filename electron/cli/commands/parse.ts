// `parse [--provider auto|NAME] [--now ISO-8601] [--custom JSON]`: one response (JSON on stdin) into quota windows.
import { z } from 'zod';
import { parseResponse, UnknownProviderError } from '../../core/parse';
import { customHeaderSpecSchema } from '../../core/providers/custom';
import { CliError, isoFlag, parseFlags, printJson, readJsonStdin, type CliCommand } from '../cli';
import { describeIssue } from '../issue-words';
import { parseResultJson } from '../json';
import { CLI_PLANS, planHints } from '../plan-hints';

const USAGE =
  'parse [--provider auto|custom|NAME] [--plan PLAN] [--now ISO-8601] [--custom \'{"limitHeader": ...}\'] < response.json';

const headerValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);
const responseSchema = z.object({
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), headerValue),
  body: z.unknown().optional(),
});

export const command: CliCommand = {
  summary: 'Reads {"status", "headers", "body"?} on stdin and prints the quota windows it describes.',
  usage: USAGE,
  details: [
    'options:',
    '  --provider P    auto (default), custom, or a profile name (voucherify, github, ietf, ...)',
    `  --plan PLAN     a Voucherify plan (${CLI_PLANS.join(', ')}): whether its request window is hourly or per minute`,
    '  --now ISO       when the response was received (default: now)',
    '  --custom JSON   the header names to read for --provider custom',
  ].join('\n'),
  async run(args, io) {
    const flags = parseFlags(
      args,
      {
        provider: { type: 'string' },
        plan: { type: 'string' },
        now: { type: 'string' },
        custom: { type: 'string' },
      },
      USAGE,
    );
    const now = isoFlag(flags.now, 'now') ?? Date.now();
    // A Voucherify plan says whether the request window is hourly or per minute.
    const hints = planHints(flags.plan, ['voucherify', 'auto', undefined].includes(flags.provider));
    const doc = await readJsonStdin(io);
    const input = responseSchema.safeParse(doc);
    if (!input.success) throw new CliError(`stdin is not a response: ${describeIssue(input.error, doc)}`);
    let custom;
    if (flags.custom !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(flags.custom);
      } catch {
        throw new CliError('--custom is not valid JSON');
      }
      const spec = customHeaderSpecSchema.safeParse(raw);
      if (!spec.success) throw new CliError(`--custom: ${describeIssue(spec.error, raw)}`);
      custom = spec.data;
    }
    try {
      const result = parseResponse(input.data, {
        provider: flags.provider ?? (custom ? 'custom' : 'auto'),
        now,
        ...(custom ? { custom } : {}),
        ...(hints ? { hints } : {}),
      });
      printJson(io, parseResultJson(result));
      return 0;
    } catch (err) {
      if (err instanceof UnknownProviderError) throw new CliError(err.message);
      throw err;
    }
  },
};
