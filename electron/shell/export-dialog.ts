// Export… in Electron: the service gives the file's content; this asks where to save it (a native
// save dialog, parented to the popover) and writes it. Only the path the user picked is written.
import type { BrowserWindow} from 'electron';
import { dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ExportResult } from '../ipc/contract';

export async function saveExport(result: ExportResult, parent: BrowserWindow | null): Promise<ExportResult> {
  if (result.status !== 'download') return result;
  const ext = result.filename.endsWith('.csv') ? 'csv' : 'json';
  const options = {
    title: 'Export Headroom history',
    defaultPath: result.filename,
    filters: [{ name: ext === 'csv' ? 'CSV' : 'JSON', extensions: [ext] }],
  };
  const picked = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return { status: 'cancelled' };
  await writeFile(picked.filePath, result.content, 'utf8');
  return { status: 'saved', path: picked.filePath };
}
