// The CLI's plumbing: commands, their I/O, and errors that reach the user as one clear line.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user interrupts (Ctrl-C); long-running commands stop on it. */
  interrupted?: Promise<void>;
}

/** An error meant for the user: its message is printed as one line and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliCommand {
  summary: string;
  usage: string;
  /** Shown under the usage by `<command> --help`: what each option means. */
  details?: string;
  run(args: string[], io: CliIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict flag parsing; an unknown or malformed flag is a CliError naming the usage. */
export function parseFlags<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new CliError(`${firstLine(err)}; usage: ${usage}`);
  }
}

/** Reads stdin as JSON; an empty or invalid document is a CliError. */
export async function readJsonStdin(io: CliIO): Promise<unknown> {
  const text = await io.readStdin();
  if (text.trim() === '') throw new CliError('no input on stdin: expected a JSON document');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`stdin is not valid JSON (${firstLine(err).slice(0, 80)})`);
  }
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parses an ISO 8601 flag value to epoch ms. */
export function isoFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new CliError(`--${name} is not an ISO 8601 time: ${JSON.stringify(value.slice(0, 40))}`);
  return ms;
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]?.trim() || 'unknown error';
}

/** Epoch ms to ISO 8601 UTC, null kept. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
