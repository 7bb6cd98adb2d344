// `tray-icon --status STATUS --level 0..1 --out FILE.png [--size PX] [--template]`: the tray icon as PNG.
// `tray-icon --contact-sheet --out FILE.png [--level 0..1]`: every status at 16, 22 and 32 px, scaled
// up 8x, on a light and a dark panel colour, to look at them side by side.
import { writeFile } from 'node:fs/promises';
import { STATUSES, type Status } from '../../ipc/contract';
import { renderTrayIcon, type RgbaImage } from '../../core/tray/icon';
import { contactSheet, encodePng } from '../../core/tray/png';
import { CliError, parseFlags, printJson, type CliCommand } from '../cli';

const USAGE =
  'tray-icon --status ok|warning|critical|blocked|stale|error --level 0..1 --out FILE.png [--size 16|22|32|...] [--template]\n' +
  '       tray-icon --contact-sheet --out FILE.png [--level 0..1]';

const SHEET_SIZES = [16, 22, 32];
const LIGHT = [0xf6, 0xf8, 0xfa] as const;
const DARK = [0x1f, 0x23, 0x28] as const;

export const command: CliCommand = {
  summary: 'Writes the tray icon for a status and level as a PNG (or a contact sheet of them all).',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(
      args,
      {
        status: { type: 'string' },
        level: { type: 'string' },
        out: { type: 'string' },
        size: { type: 'string' },
        template: { type: 'boolean' },
        'contact-sheet': { type: 'boolean' },
      },
      USAGE,
    );
    if (!flags.out) throw new CliError(`--out FILE.png is required; usage: ${USAGE}`);
    const level = parseLevel(flags.level);

    let image: RgbaImage;
    let described: Record<string, unknown>;
    if (flags['contact-sheet']) {
      image = sheet(level ?? 0.6);
      described = { sheet: true, statuses: STATUSES, sizes: SHEET_SIZES, scale: 8 };
    } else {
      const status = parseStatus(flags.status);
      if (level === undefined && status !== 'blocked' && status !== 'error')
        throw new CliError('--level 0..1 is required for this status (the share left that the gauge shows)');
      const size = parseSize(flags.size);
      const template = flags.template === true;
      image = renderTrayIcon({ status, level: level ?? null, size, template });
      described = { status, level: level ?? null, template };
    }
    const png = encodePng(image);
    try {
      await writeFile(flags.out, png);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new CliError(`cannot write ${JSON.stringify(flags.out)} (${code})`, 1);
    }
    printJson(io, {
      out: flags.out,
      width: image.width,
      height: image.height,
      bytes: png.length,
      ...described,
    });
    return 0;
  },
};

function parseStatus(value: string | undefined): Status {
  if (value === undefined) throw new CliError(`--status is required; one of ${STATUSES.join(', ')}`);
  if (!(STATUSES as readonly string[]).includes(value))
    throw new CliError(
      `--status must be one of ${STATUSES.join(', ')}, not ${JSON.stringify(value.slice(0, 20))}`,
    );
  return value as Status;
}

function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new CliError(
      `--level must be a number from 0 to 1 (share left), not ${JSON.stringify(value.slice(0, 20))}`,
    );
  return n;
}

function parseSize(value: string | undefined): number {
  if (value === undefined) return 16;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 8 || n > 1024)
    throw new CliError(
      `--size must be a whole number of pixels from 8 to 1024, not ${JSON.stringify(value.slice(0, 20))}`,
    );
  return n;
}

function whiten(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i += 4) data.fill(255, i, i + 3);
  return { ...image, data };
}

/** Rows: each size in colour then template, on light then dark; columns: the six statuses. */
function sheet(level: number): RgbaImage {
  const rows: RgbaImage[][] = [];
  for (const template of [false, true]) {
    for (const size of SHEET_SIZES) {
      rows.push(STATUSES.map((status) => renderTrayIcon({ status, level, size, template })));
    }
  }
  const light = contactSheet(rows, { scale: 8, background: LIGHT });
  // On a dark bar macOS tints template images white: show them so.
  const tinted = rows.map((row, i) => (i < SHEET_SIZES.length ? row : row.map(whiten)));
  const dark = contactSheet(tinted, { scale: 8, background: DARK });
  // Light sheet on the left, dark on the right.
  const width = light.width + dark.width;
  const data = new Uint8Array(width * light.height * 4);
  for (let y = 0; y < light.height; y++) {
    data.set(light.data.subarray(y * light.width * 4, (y + 1) * light.width * 4), y * width * 4);
    data.set(dark.data.subarray(y * dark.width * 4, (y + 1) * dark.width * 4), (y * width + light.width) * 4);
  }
  return { width, height: light.height, data };
}
