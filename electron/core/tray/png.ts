// PNG encoding of the icon's pixels (pngjs, pure computation: no file access here), and the contact
// sheet used to look at every status and size side by side.
import { PNG } from 'pngjs';
import type { RgbaImage } from './icon';

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height, colorType: 6 });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, { colorType: 6 });
}

export function decodePng(buffer: Buffer): RgbaImage {
  const png = PNG.sync.read(buffer);
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

type Rgb = readonly [number, number, number];

/**
 * Lays images out in rows, each cell scaled up `scale` times (nearest neighbour, so every pixel is
 * seen as drawn) and composited over `background`.
 */
export function contactSheet(
  rows: readonly (readonly RgbaImage[])[],
  options: { scale: number; background: Rgb; gap?: number },
): RgbaImage {
  const { scale, background } = options;
  const gap = options.gap ?? 8;
  const cell = Math.max(0, ...rows.flat().map((i) => Math.max(i.width, i.height))) * scale;
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const width = gap + columns * (cell + gap);
  const height = gap + rows.length * (cell + gap);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([background[0], background[1], background[2], 255], i * 4);
  }
  rows.forEach((row, ry) => {
    row.forEach((img, rx) => {
      const ox = gap + rx * (cell + gap) + Math.floor((cell - img.width * scale) / 2);
      const oy = gap + ry * (cell + gap) + Math.floor((cell - img.height * scale) / 2);
      for (let y = 0; y < img.height * scale; y++) {
        for (let x = 0; x < img.width * scale; x++) {
          const s = (Math.floor(y / scale) * img.width + Math.floor(x / scale)) * 4;
          const d = ((oy + y) * width + ox + x) * 4;
          const a = (img.data[s + 3] ?? 0) / 255;
          for (let c = 0; c < 3; c++) {
            data[d + c] = Math.round((img.data[s + c] ?? 0) * a + (data[d + c] ?? 0) * (1 - a));
          }
        }
      }
    });
  });
  return { width, height, data };
}
