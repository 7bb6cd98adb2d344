// `export --format csv|json [--key NAME] [--from ISO] [--to ISO] [--data DIR]`: the observations,
// usage per day and the cycle archive from the app's data folder, to stdout. Columns: README.md,
// "Export". Notes about the folder go to stderr; stdout is only the file.
import { EXPORT_FORMATS, type ExportFormat } from '../../export/model';
import { exportFromState } from '../../export/from-state';
import { renderExport } from '../../export/formats';
import { defaultDataDir, readDataFolder } from '../../export/data-folder';
import { CliError, firstLine, isoFlag, parseFlags, type CliCommand } from '../cli';

const USAGE = 'export --format csv|json [--key NAME] [--from ISO] [--to ISO] [--data DIR]';

export const command: CliCommand = {
  summary: 'export observations, daily usage and the cycle archive as CSV or JSON',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(
      args,
      {
        format: { type: 'string' },
        key: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        data: { type: 'string' },
      },
      USAGE,
    );
    const format = flags.format as ExportFormat | undefined;
    if (!format || !EXPORT_FORMATS.includes(format))
      throw new CliError(`--format must be csv or json; usage: ${USAGE}`);
    const from = isoFlag(flags.from, 'from');
    const to = isoFlag(flags.to, 'to');
    if (from !== undefined && to !== undefined && to <= from) throw new CliError('--to must be after --from');
    if (flags.key !== undefined && (flags.key.length === 0 || flags.key.length > 100))
      throw new CliError('--key must name a key (1 to 100 characters)');
    const dir = flags.data ?? defaultDataDir(io.env);
    const now = Date.now();
    let folder;
    try {
      folder = await readDataFolder(dir, now);
    } catch (err) {
      throw new CliError(firstLine(err), 1);
    }
    for (const note of folder.notes) io.stderr(`headroom: ${note}\n`);
    const filter = {
      ...(flags.key !== undefined ? { key: flags.key } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    };
    if (filter.key !== undefined) {
      const k = filter.key.toLowerCase();
      if (!folder.settings.keys.some((x) => x.name.toLowerCase() === k || x.id === k))
        throw new CliError(
          `no key named ${JSON.stringify(filter.key)}; keys: ${folder.settings.keys.map((x) => x.name).join(', ') || 'none'}`,
          1,
        );
    }
    const data = exportFromState(folder.settings, folder.runtime, filter, now);
    io.stdout(renderExport(data, format).content);
    return 0;
  },
};
