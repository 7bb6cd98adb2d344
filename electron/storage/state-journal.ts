// The runtime state on disk as a snapshot plus an append-only journal, so a probe costs a few hundred
// bytes written instead of a rewrite of the whole file (which at 20 keys was 1.4-2 GB a day).
//
//   state.json     {"schemaVersion":1,"seq":N,"state":{…}}   replaced whole, crash-safe (replaceFile)
//   state.journal  one line per save: {"seq":N+1,"p":[patches]} (json-delta), appended and flushed
//
// Loading applies the journal's lines with seq > the snapshot's, in order, stopping at a torn or
// missing line (a crash mid-append loses at most that one save). When the journal passes its cap the
// next save writes a fresh snapshot and removes the journal: compaction. A crash between the two
// leaves journal lines the snapshot already holds; their seq says so and they are skipped.
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { appendDurable, replaceFile } from './durable-write';
import { apply, diff, type Patch } from './json-delta';

export const STATE_VERSION = 1;
/** The journal is compacted into the snapshot once it passes this many bytes. */
export const JOURNAL_MAX_BYTES = 2_000_000;

export interface JournalOptions {
  dir: string;
  /** File name without extension (default `state`). */
  name?: string;
  journalMaxBytes?: number;
  /** Bytes written per file, for the soak bench and the logs. */
  onWrite?: (file: string, bytes: number) => void;
}

export type JournalRead =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'foreign'; schemaVersion: unknown }
  | { kind: 'ok'; state: unknown; replayed: number; tornLines: number };

export class StateJournal {
  readonly snapshotFile: string;
  readonly journalFile: string;
  private readonly maxBytes: number;
  private persisted: unknown = undefined;
  private seq = 0;
  private journalBytes = 0;
  /** A full snapshot is due: first save, a torn journal, or the journal over its cap. */
  private compact = true;

  constructor(private readonly options: JournalOptions) {
    const name = options.name ?? 'state';
    this.snapshotFile = join(options.dir, `${name}.json`);
    this.journalFile = join(options.dir, `${name}.journal`);
    this.maxBytes = options.journalMaxBytes ?? JOURNAL_MAX_BYTES;
  }

  async read(): Promise<JournalRead> {
    let text: string;
    try {
      text = await readFile(this.snapshotFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return { kind: 'unreadable', reason: (err as Error).message.slice(0, 120) };
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      return { kind: 'unreadable', reason: 'the file holds JSON but not an object' };
    const d = doc as Record<string, unknown>;
    if (Object.keys(d).length === 0) return { kind: 'missing' };
    if (d.schemaVersion !== STATE_VERSION || !('state' in d))
      return { kind: 'foreign', schemaVersion: d.schemaVersion };
    let state = d.state;
    this.seq = typeof d.seq === 'number' && Number.isSafeInteger(d.seq) ? d.seq : 0;
    let replayed = 0;
    let tornLines = 0;
    try {
      const lines = (await readFile(this.journalFile, 'utf8')).split('\n');
      for (const line of lines) {
        if (line === '') continue;
        let entry: { seq?: unknown; p?: unknown };
        try {
          entry = JSON.parse(line) as { seq?: unknown; p?: unknown };
        } catch {
          // A line cut short by a crash or a full disk; the seq check below keeps the order honest.
          tornLines++;
          continue;
        }
        if (typeof entry.seq !== 'number' || !Array.isArray(entry.p)) {
          tornLines++;
          continue;
        }
        if (entry.seq <= this.seq) continue;
        if (entry.seq !== this.seq + 1) break;
        state = apply(state, entry.p as Patch[]);
        this.seq = entry.seq;
        replayed++;
      }
    } catch {
      // No journal: the snapshot is the whole state.
    }
    this.persisted = state;
    // Start each run from one clean snapshot: the journal it replayed is folded in at the first save.
    this.compact = true;
    return { kind: 'ok', state, replayed, tornLines };
  }

  private queue: Promise<void> = Promise.resolve();

  /** Persists `state` (JSON-compatible; not modified, not kept by reference). Writes run one at a time. */
  write(state: unknown): Promise<void> {
    const copy: unknown = JSON.parse(JSON.stringify(state ?? null));
    const run = this.queue.then(() => this.writeNow(copy));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeNow(copy: unknown): Promise<void> {
    if (this.compact || this.persisted === undefined) {
      await this.writeSnapshot(copy, this.seq + 1);
      return;
    }
    const patches = diff(this.persisted, copy);
    if (patches.length === 0) return;
    const line = `${JSON.stringify({ seq: this.seq + 1, p: patches })}\n`;
    if (this.journalBytes + line.length > this.maxBytes) {
      await this.writeSnapshot(copy, this.seq + 1);
      return;
    }
    try {
      await appendDurable(this.journalFile, line);
    } catch (err) {
      // Whatever reached the journal was cut back (or, if not, is unreadable and will be skipped as
      // torn); either way the next save rewrites the snapshot rather than append after it.
      this.compact = true;
      throw err;
    }
    this.options.onWrite?.(this.journalFile, Buffer.byteLength(line));
    this.journalBytes += line.length;
    this.seq += 1;
    this.persisted = copy;
  }

  private async writeSnapshot(state: unknown, seq: number): Promise<void> {
    const text = JSON.stringify({ schemaVersion: STATE_VERSION, seq, state });
    await replaceFile(this.snapshotFile, text);
    this.options.onWrite?.(this.snapshotFile, Buffer.byteLength(text));
    this.seq = seq;
    this.persisted = state;
    this.compact = false;
    this.journalBytes = 0;
    // The snapshot holds everything the journal did; its lines are skipped by seq should this fail.
    await unlink(this.journalFile).catch(() => undefined);
  }
}
