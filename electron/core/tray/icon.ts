// The tray icon, drawn to RGBA pixels by a pure function (no Electron, no canvas).
// A ring gauge shows the share left in the worst window, filled clockwise from 12 o'clock. The status
// is told twice, by colour AND by shape, so it reads for colour-blind users and in the macOS template
// (black + alpha) variant:
//   ok        ring gauge, hollow centre
//   warning   ring gauge, small centre dot
//   critical  ring gauge, large centre disc
//   blocked   solid disc with a horizontal bar cut through it (a no-entry sign)
//   stale     dashed grey ring, the share left solid over it: the figure is old
// Coloured icons sit on a thin dark halo so they read on light panels as well as dark ones.
//   error     faint ring with a bold "!": the last probe failed, the level is not trusted
// Edges are anti-aliased by coverage sampling (SAMPLES x SAMPLES points per pixel).
import type { Status } from '../view/status';

export interface TrayIconInput {
  status: Status;
  /** Share left, 0..1; null when unknown (only the track is drawn). */
  level: number | null;
  /** Width and height in pixels (16, 22, 32, 44, ...). */
  size: number;
  /** macOS template image: black and alpha only; the system tints it for light and dark bars. */
  template?: boolean;
  /** The dark halo under a coloured icon (default on; off only to look at the bare shapes). */
  halo?: boolean;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel, not premultiplied. */
  data: Uint8Array;
}

type Rgb = readonly [number, number, number];

/** Mid-tone colours chosen to read on both light and dark panels. */
export const STATUS_COLOURS: Record<Status, Rgb> = {
  ok: [0x2d, 0xa4, 0x4e],
  warning: [0xd2, 0x99, 0x22],
  critical: [0xe8, 0x5a, 0x2a],
  blocked: [0xd1, 0x24, 0x2f],
  stale: [0x8c, 0x95, 0x9f],
  error: [0x98, 0x6e, 0xe2],
};

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [0xff, 0xff, 0xff];
/** The halo: near-black, mostly opaque (it stands 3:1 and more on any light panel). */
const HALO: Rgb = [0x1b, 0x1f, 0x24];
const HALO_ALPHA = 0.85;
/** Opacity of the unfilled part of the ring. */
const TRACK_ALPHA = 0.36;
const SAMPLES = 5;
const DASHES = 8;
const DASH_ON = 0.62;

type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  colour: Rgb;
  alpha: number;
  /** `clear` erases what is below (template cut-outs). */
  mode: 'over' | 'clear';
}

export function renderTrayIcon(input: TrayIconInput): RgbaImage {
  const size = Math.round(input.size);
  if (!Number.isFinite(size) || size < 8 || size > 1024) throw new RangeError('icon size must be 8..1024 px');
  const template = input.template === true;
  const layers = sceneFor(input.status, clampLevel(input.level), size, template);
  // A coloured icon does not know the panel under it: a thin dark halo gives the mid-tone colours an
  // edge on light panels, where they alone stand under 3:1 (the template is tinted by macOS instead).
  const withHalo = !template && input.halo !== false;
  return rasterise(size, withHalo ? [halo(layers, size / 16), ...layers] : layers);
}

function clampLevel(level: number | null): number | null {
  if (level === null || !Number.isFinite(level)) return null;
  return Math.min(1, Math.max(0, level));
}

function sceneFor(status: Status, level: number | null, s: number, template: boolean): Layer[] {
  const colour = template ? BLACK : STATUS_COLOURS[status];
  const c = s / 2;
  const outer = c - s / 32;
  const inner = outer - 0.19 * s;
  const g = geometry(c, inner, outer);
  const paint = (shape: Shape, alpha = 1): Layer => ({ shape, colour, alpha, mode: 'over' });

  switch (status) {
    case 'ok':
    case 'warning':
    case 'critical': {
      const layers = gauge(g, level, paint);
      if (status === 'warning') layers.push(paint(disc(c, c, 0.125 * s)));
      if (status === 'critical') layers.push(paint(disc(c, c, 0.22 * s)));
      return layers;
    }
    case 'stale': {
      // The whole ring in opaque dashes (a faint track in dashes vanished at 16 px on dark panels),
      // the share left solid over it: "old" reads from the dashes, the level from the solid arc.
      const dashes: Shape = (x, y) => g.ring(x, y) && g.onDash(x, y);
      const layers = [paint(dashes)];
      if (level !== null && level > 0) layers.push(paint(g.arc(level)));
      return layers;
    }
    case 'error': {
      // Snapped to whole pixels, with a clear gap between the stroke and the dot even at 16 px.
      const half = Math.max(1, Math.round(0.07 * s));
      const top = Math.round(0.24 * s);
      const bottom = Math.round(0.56 * s);
      const dotTop = bottom + Math.max(1, Math.round(0.06 * s));
      const column =
        (y0: number, y1: number): Shape =>
        (x, y) =>
          Math.abs(x - c) <= half && y >= y0 && y <= y1;
      return [
        paint(g.ring, TRACK_ALPHA),
        paint(column(top, bottom)),
        paint(column(dotTop, dotTop + 2 * half)),
      ];
    }
    case 'blocked': {
      const halfWidth = Math.round(0.31 * s);
      const halfHeight = Math.max(1, Math.round(0.1 * s));
      const bar: Shape = (x, y) => Math.abs(x - c) <= halfWidth && Math.abs(y - c) <= halfHeight;
      const body = paint(disc(c, c, outer));
      return template
        ? [body, { shape: bar, colour: BLACK, alpha: 1, mode: 'clear' }]
        : [body, { shape: bar, colour: WHITE, alpha: 1, mode: 'over' }];
    }
  }
}

interface Geometry {
  ring: Shape;
  /** The part of the ring from 12 o'clock clockwise to `level` of a full turn. */
  arc(level: number): Shape;
  onDash: Shape;
}

function geometry(c: number, inner: number, outer: number): Geometry {
  const inRing: Shape = (x, y) => {
    const r = Math.hypot(x - c, y - c);
    return r >= inner && r <= outer;
  };
  // Clockwise angle from 12 o'clock as a share of a full turn, in [0, 1).
  const turn = (x: number, y: number) => {
    const a = Math.atan2(x - c, c - y) / (2 * Math.PI);
    return a < 0 ? a + 1 : a;
  };
  return {
    ring: inRing,
    arc: (level) => (x, y) => inRing(x, y) && turn(x, y) <= level,
    onDash: (x, y) => (turn(x, y) * DASHES) % 1 < DASH_ON,
  };
}

function gauge(g: Geometry, level: number | null, paint: (shape: Shape, alpha?: number) => Layer): Layer[] {
  const layers = [paint(g.ring, TRACK_ALPHA)];
  if (level !== null && level > 0) {
    // The filled part is painted over the track; clear the track under it so alpha does not stack.
    layers.push({ ...paint(g.arc(level)), mode: 'clear' }, paint(g.arc(level)));
  }
  return layers;
}

/** Everything the layers paint, grown by `width` pixels, in a dark tone under them. */
function halo(layers: readonly Layer[], width: number): Layer {
  const shapes = layers.filter((l) => l.mode === 'over').map((l) => l.shape);
  const offsets = Array.from({ length: 12 }, (_, i) => [
    Math.cos((i * Math.PI) / 6) * width,
    Math.sin((i * Math.PI) / 6) * width,
  ]) as [number, number][];
  return {
    shape: (x, y) => shapes.some((sh) => sh(x, y) || offsets.some(([dx, dy]) => sh(x + dx, y + dy))),
    colour: HALO,
    alpha: HALO_ALPHA,
    mode: 'over',
  };
}

function disc(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Composites the layers in premultiplied float RGBA, one coverage value per layer and pixel. */
function rasterise(size: number, layers: Layer[]): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (layer.shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
          }
        }
        if (hits === 0) continue;
        const k = (hits / n) * layer.alpha;
        if (layer.mode === 'clear') {
          r *= 1 - k;
          g *= 1 - k;
          b *= 1 - k;
          a *= 1 - k;
        } else {
          r = layer.colour[0] * k + r * (1 - k);
          g = layer.colour[1] * k + g * (1 - k);
          b = layer.colour[2] * k + b * (1 - k);
          a = k + a * (1 - k);
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        data[i] = Math.round(r / a);
        data[i + 1] = Math.round(g / a);
        data[i + 2] = Math.round(b / a);
        data[i + 3] = Math.round(a * 255);
      }
    }
  }
  return { width: size, height: size, data };
}

/** The icon sizes each platform's tray wants: a base size and its high-density (2x) companion. */
export function trayIconSizes(platform: NodeJS.Platform): {
  base: number;
  scales: number[];
  template: boolean;
} {
  switch (platform) {
    case 'darwin':
      // Menu bar icons are 16 pt; template images follow the bar's light or dark look.
      return { base: 16, scales: [1, 2], template: true };
    case 'win32':
      return { base: 16, scales: [1, 2], template: false };
    default:
      // AppIndicator and the XEmbed trays draw 22 px icons.
      return { base: 22, scales: [1, 2], template: false };
  }
}
