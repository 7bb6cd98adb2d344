// One clear notice per file that could not be saved, replaced (never stacked) while the failure lasts
// and removed by the next save that succeeds. The text says what happened, that nothing saved before
// was lost, and what to do; it never carries a raw errno dump or a ZodError.
import { ZodError } from 'zod';
import { StorageWriteError } from '../storage/durable-write';
import type { StorageNotice } from './ports';

export type SavedFile = 'settings' | 'state';

const WHAT: Record<SavedFile, string> = {
  settings: 'your settings',
  state: 'quota history and alert state',
};

export function saveFailureText(file: SavedFile, err: unknown): string {
  const what = WHAT[file];
  if (err instanceof StorageWriteError)
    return `Headroom could not save ${what}: ${err.advice}. Nothing saved earlier was lost.`;
  if (err instanceof ZodError)
    return `Headroom did not save ${what}: a value was not valid (${err.issues[0]?.message ?? 'invalid'}). Nothing saved earlier was changed.`;
  const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 160);
  return `Headroom could not save ${what} (${reason}). Nothing saved earlier was lost.`;
}

export function saveFailureNotice(file: SavedFile, err: unknown): StorageNotice {
  return { id: `${file}-save-failed`, level: 'error', text: saveFailureText(file, err) };
}

/** The notices with this file's save failure set (or cleared, when `err` is null). */
export function withSaveResult(notices: StorageNotice[], file: SavedFile, err: unknown): StorageNotice[] {
  const rest = notices.filter((n) => n.id !== `${file}-save-failed`);
  return err === null ? rest : [...rest, saveFailureNotice(file, err)];
}
