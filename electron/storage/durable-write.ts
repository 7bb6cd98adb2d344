// Crash-safe file writes for Headroom's own files, on plain Node (no Electron): a file is replaced only
// by a complete, flushed copy, so a full disk, a lost permission or a kill -9 at any instant leaves
// either the old file or the new one, never a truncated one.
//
// replaceFile: write a temp file beside the target, checking every write's byte count (a short write
// on a nearly full disk is an error, not a success), fsync it, check its size on disk, rename it over
// the target, then fsync the folder so the rename itself survives a power cut. Until the rename the
// old file is untouched. Everything is asynchronous: no retry loop ever blocks the main thread.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Temp files are `<name>.tmp-<pid>-<random>`; leftovers from a crash are removed at start. */
export const TEMP_MARK = '.tmp-';

/** Errors that mean "this disk or folder will not take the write": told to the user, not thrown raw. */
const USER_FIXABLE = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EFBIG', 'EIO', 'EBUSY']);

/** A save that did not happen; the previous file is intact. `advice` is one sentence for the user. */
export class StorageWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    readonly advice: string,
  ) {
    super(`could not write ${file} (${code})`);
    this.name = 'StorageWriteError';
  }
}

export function adviceFor(code: string, dir: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return `the disk holding ${dir} is full (${code}): free some space; Headroom saves again by itself`;
    case 'EACCES':
    case 'EPERM':
      return `Headroom may not write in ${dir} (${code}): give your user write permission on that folder`;
    case 'EROFS':
      return `${dir} is on a read-only file system (${code}): make it writable`;
    default:
      return `the disk refused the write (${code}): check the disk holding ${dir}`;
  }
}

function codeOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

function asWriteError(file: string, err: unknown): Error {
  if (err instanceof StorageWriteError) return err;
  const code = codeOf(err);
  if (!USER_FIXABLE.has(code) && !(err as NodeJS.ErrnoException | null)?.code) return err as Error;
  return new StorageWriteError(file, code, adviceFor(code, dirname(file)));
}

/** Writes all of `data` at `position`, or throws: a write that takes fewer bytes is a full disk. */
async function writeAll(handle: FileHandle, data: Buffer, position: number | null): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(
      data,
      offset,
      data.length - offset,
      position === null ? null : position + offset,
    );
    if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** fsync on the folder makes a rename durable; some platforms (Windows) cannot open a folder for it. */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = codeOf(err);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Replaces `file` with `text` so that any crash leaves the old or the new content, whole. */
export async function replaceFile(file: string, text: string, mode = 0o600): Promise<void> {
  const data = Buffer.from(text, 'utf8');
  const tmp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  let handle: FileHandle | null = null;
  try {
    handle = await open(tmp, 'wx', mode);
    await writeAll(handle, data, 0);
    await handle.sync();
    await handle.close();
    handle = null;
    // The proof: the flushed copy is as long as what was meant. Only then does it replace the old.
    const size = (await stat(tmp)).size;
    if (size !== data.length)
      throw Object.assign(new Error(`wrote ${size} of ${data.length} bytes`), { code: 'ENOSPC' });
    await rename(tmp, file);
    await syncDir(dirname(file));
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw asWriteError(file, err);
  }
}

/**
 * Appends `text` to `file` and flushes it. On failure the file is cut back to its length before the
 * append, so a torn record never stays in front of the next one; when even that fails the caller must
 * rewrite the file (it reports `torn`).
 */
export async function appendDurable(file: string, text: string): Promise<void> {
  const data = Buffer.from(text, 'utf8');
  let handle: FileHandle | null = null;
  let before = -1;
  try {
    handle = await open(file, 'a+', 0o600);
    before = (await handle.stat()).size;
    await writeAll(handle, data, null);
    await handle.datasync();
  } catch (err) {
    let torn = false;
    if (handle && before >= 0) {
      try {
        await handle.truncate(before);
        await handle.datasync();
      } catch {
        torn = true;
      }
    }
    await handle?.close().catch(() => undefined);
    const e = asWriteError(file, err);
    throw Object.assign(e, { torn });
  }
  await handle.close();
}

/** Removes temp files that a crash left beside `names` in `dir`; returns how many. */
export async function cleanStaleTemps(dir: string, names: readonly string[]): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return 0;
  }
  const own = `${TEMP_MARK}${process.pid}-`;
  let removed = 0;
  for (const entry of entries) {
    const i = entry.indexOf(TEMP_MARK);
    if (i <= 0 || !names.includes(entry.slice(0, i)) || entry.includes(own)) continue;
    // conf/atomically's old temp files (`config.json.tmp-…`) are stale the same way.
    try {
      await unlink(join(dir, entry));
      removed++;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
