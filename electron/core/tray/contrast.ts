// How much of a tray icon a user can see on a given panel: the share of the icon's square whose
// pixels, composited over the panel colour, stand at least 3:1 (WCAG's bar for graphics) against it.
// The tray tests hold the icon to these floors; `npm run bench -- --only tray-contrast` prints them.
import type { Status } from '../view/status';
import type { RgbaImage } from './icon';

export type Rgb = readonly [number, number, number];

/** Panels the icon must read on: Windows 11 and GNOME/KDE dark bars, Windows and macOS light ones. */
export const PANELS: Record<string, Rgb> = {
  'dark (#202020)': [0x20, 0x20, 0x20],
  'dark (#2a2e32)': [0x2a, 0x2e, 0x32],
  'light (#f3f3f3)': [0xf3, 0xf3, 0xf3],
  'light (#e0e0e0)': [0xe0, 0xe0, 0xe0],
};

/** WCAG's minimum contrast for graphics a user must make out. */
export const GRAPHIC_CONTRAST = 3;

/** Gauge levels each status is checked at: a stale figure at every level, the others low and mid. */
export function levelsChecked(status: Status): readonly (number | null)[] {
  return status === 'stale' ? [null, 0, 0.1, 0.6, 1] : [0.1, 0.6];
}

/**
 * The least share of the icon that must stand at 3:1 on a panel. A stale figure must stay plainly
 * visible everywhere (it once fell to 3 % on dark panels); every status needs a 3:1 edge on light
 * panels (the halo) and must not vanish on dark ones.
 */
export function visibleFloor(status: Status, panel: string): number {
  if (status === 'stale') return 0.15;
  return panel.startsWith('light') ? 0.3 : 0.03;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Each pixel of the icon composited over the panel, with its contrast against the panel. */
function pixelContrasts(img: RgbaImage, panel: Rgb): number[] {
  const out: number[] = [];
  for (let i = 0; i < img.width * img.height; i++) {
    const a = (img.data[i * 4 + 3] ?? 0) / 255;
    const px: Rgb = [0, 1, 2].map((c) => (img.data[i * 4 + c] ?? 0) * a + (panel[c] ?? 0) * (1 - a)) as [
      number,
      number,
      number,
    ];
    out.push(contrast(px, panel));
  }
  return out;
}

/** Share of the icon's pixels that stand out at `ratio` (3:1) or more against `panel`. */
export function visibleShare(img: RgbaImage, panel: Rgb, ratio = GRAPHIC_CONTRAST): number {
  const all = pixelContrasts(img, panel);
  return all.filter((c) => c >= ratio).length / all.length;
}

/** The strongest contrast any pixel of the icon reaches against `panel`. */
export function peakContrast(img: RgbaImage, panel: Rgb): number {
  return Math.max(1, ...pixelContrasts(img, panel));
}
