// How the service turns bad input and thrown values into short, user-facing text: one sentence,
// capitalised, never a raw ZodError or a multi-line stack.
import type { z } from 'zod';
import { IpcRequestError } from '../ipc/contract';
import type { ProbeResult } from '../probe/probe';

/** Parses request input; invalid input becomes an IpcRequestError naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new IpcRequestError(describeIssue(parsed.error));
  return parsed.data;
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input.';
  const path = issue.path.filter((p) => typeof p === 'string').join(' ');
  return capitalise(path ? `${path}: ${issue.message}` : issue.message);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first line of an error's message, bounded, for logs and notices. */
export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

/** A probe that could not be sent because the key itself is incomplete. */
export function localFailure(keyId: string, at: number, message: string): ProbeResult {
  return {
    keyId,
    outcome: 'unexpected',
    at,
    latencyMs: null,
    status: null,
    result: null,
    message,
    retryAt: null,
    sent: false,
  };
}
