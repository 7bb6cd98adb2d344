// `parse [--provider auto|NAME] [--now ISO-8601] [--custom JSON]`: one response (JSON on stdin) into quota windows.
import { z } from 'zod';
import { parseResponse, UnknownProviderError } from '../../core/parse';
import { customHeaderSpecSchema } from '../../core/providers/custom';
import { CliError, isoFlag, parseFlags, printJson, readJsonStdin, type CliCommand } from '../cli';
import { parseResultJson } from '../json';

const USAGE =
  'parse [--provider auto|custom|NAME] [--now ISO-8601] [--custom \'{"limitHeader": ...}\'] < response.json';

const headerValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);
const responseSchema = z.object({
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), headerValue),
  body: z.unknown().optional(),
});

export const command: CliCommand = {
  summary: 'Reads {"status", "headers", "body"?} on stdin and prints the quota windows it describes.',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(
      args,
      { provider: { type: 'string' }, now: { type: 'string' }, custom: { type: 'string' } },
      USAGE,
    );
    const now = isoFlag(flags.now, 'now') ?? Date.now();
    const input = responseSchema.safeParse(await readJsonStdin(io));
    if (!input.success) throw new CliError(`stdin is not a response: ${describeIssue(input.error)}`);
    let custom;
    if (flags.custom !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(flags.custom);
      } catch {
        throw new CliError('--custom is not valid JSON');
      }
      const spec = customHeaderSpecSchema.safeParse(raw);
      if (!spec.success) throw new CliError(`--custom: ${describeIssue(spec.error)}`);
      custom = spec.data;
    }
    try {
      const result = parseResponse(input.data, {
        provider: flags.provider ?? (custom ? 'custom' : 'auto'),
        now,
        ...(custom ? { custom } : {}),
      });
      printJson(io, parseResultJson(result));
      return 0;
    } catch (err) {
      if (err instanceof UnknownProviderError) throw new CliError(err.message);
      throw err;
    }
  },
};

/** The first schema problem, as "path: message". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'document';
  return `${path}: ${issue.message}`;
}
