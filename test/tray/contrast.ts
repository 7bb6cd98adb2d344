// How much of a tray icon a user can see on a given panel: the share of the icon's square whose
// pixels, composited over the panel colour, stand at least 3:1 (WCAG's bar for graphics) against it.
import type { RgbaImage } from '../../electron/core/tray/icon';

export type Rgb = readonly [number, number, number];

/** Panels the icon must read on: Windows 11 and GNOME/KDE dark bars, Windows and macOS light ones. */
export const PANELS: Record<string, Rgb> = {
  'dark (#202020)': [0x20, 0x20, 0x20],
  'dark (#2a2e32)': [0x2a, 0x2e, 0x32],
  'light (#f3f3f3)': [0xf3, 0xf3, 0xf3],
  'light (#e0e0e0)': [0xe0, 0xe0, 0xe0],
};

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

/** Share of the icon's pixels that stand out at 3:1 or more against `panel`. */
export function visibleShare(img: RgbaImage, panel: Rgb, ratio = 3): number {
  let n = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    const a = img.data[i * 4 + 3]! / 255;
    const px: Rgb = [0, 1, 2].map((c) => img.data[i * 4 + c]! * a + panel[c]! * (1 - a)) as unknown as Rgb;
    if (contrast(px, panel) >= ratio) n++;
  }
  return n / (img.width * img.height);
}
