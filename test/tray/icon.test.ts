// The tray icon's pixels: each status looks different (in colour and, for colour-blind users and the
// macOS template, in shape), the gauge follows the level, and the template is black + alpha only.
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../electron/ipc/contract';
import { renderTrayIcon, STATUS_COLOURS, type RgbaImage } from '../../electron/core/tray/icon';
import { decodePng, encodePng } from '../../electron/core/tray/png';

const px = (img: RgbaImage, x: number, y: number) => {
  const i = (y * img.width + x) * 4;
  return { r: img.data[i]!, g: img.data[i + 1]!, b: img.data[i + 2]!, a: img.data[i + 3]! };
};

/** Mean absolute difference per channel over all pixels, 0..255. */
function difference(a: RgbaImage, b: RgbaImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** Share of pixels whose coverage differs by more than half: a difference in shape, not colour. */
function shapeDifference(a: RgbaImage, b: RgbaImage): number {
  let n = 0;
  for (let i = 3; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 128) n++;
  return n / (a.width * a.height);
}

const opaque = (img: RgbaImage) => {
  let n = 0;
  for (let i = 3; i < img.data.length; i += 4) if (img.data[i]! > 200) n++;
  return n;
};

describe('renderTrayIcon', () => {
  it.each([16, 22, 32])('draws a %i px square RGBA image', (size) => {
    const img = renderTrayIcon({ status: 'ok', level: 0.5, size, halo: false });
    expect(img.width).toBe(size);
    expect(img.height).toBe(size);
    expect(img.data.length).toBe(size * size * 4);
    // The corners stay transparent (a round icon on any panel colour).
    expect(px(img, 0, 0).a).toBe(0);
    expect(px(img, size - 1, size - 1).a).toBe(0);
  });

  for (const size of [16, 32]) {
    it(`tells all six statuses apart at ${size} px, in colour`, () => {
      const images = STATUSES.map((status) => renderTrayIcon({ status, level: 0.6, size }));
      for (let i = 0; i < images.length; i++)
        for (let j = i + 1; j < images.length; j++) {
          expect(difference(images[i]!, images[j]!), `${STATUSES[i]} vs ${STATUSES[j]}`).toBeGreaterThan(4);
        }
    });

    it(`tells all six statuses apart at ${size} px by shape alone (template, same level)`, () => {
      const images = STATUSES.map((status) => renderTrayIcon({ status, level: 0.6, size, template: true }));
      for (let i = 0; i < images.length; i++)
        for (let j = i + 1; j < images.length; j++) {
          // At least 4 % of the pixels change coverage: visible, not a one-pixel nuance.
          expect(shapeDifference(images[i]!, images[j]!), `${STATUSES[i]} vs ${STATUSES[j]}`).toBeGreaterThan(
            0.04,
          );
        }
    });
  }

  it.each(STATUSES)('paints %s in its own colour', (status) => {
    const img = renderTrayIcon({ status, level: 1, size: 32 });
    const [r, g, b] = STATUS_COLOURS[status];
    let match = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      if (img.data[i + 3]! < 250) continue;
      if (Math.abs(img.data[i]! - r) + Math.abs(img.data[i + 1]! - g) + Math.abs(img.data[i + 2]! - b) < 12)
        match++;
    }
    expect(match).toBeGreaterThan(40);
  });

  it('fills the gauge clockwise from 12 o’clock by the share left', () => {
    const size = 32;
    const at = (level: number) => renderTrayIcon({ status: 'ok', level, size, halo: false });
    // A point on the ring at 3 o'clock (a quarter turn) and at 9 o'clock (three quarters).
    const three = (img: RgbaImage) => px(img, 29, 16).a;
    const nine = (img: RgbaImage) => px(img, 2, 16).a;
    expect(three(at(0.5))).toBeGreaterThan(240);
    expect(nine(at(0.5))).toBeLessThan(120); // the faint track only
    expect(nine(at(0.9))).toBeGreaterThan(240);
    expect(three(at(0.1))).toBeLessThan(120);
  });

  it('shows more filled ring for more headroom, step by step', () => {
    const counts = [0, 0.25, 0.5, 0.75, 1].map((level) =>
      opaque(renderTrayIcon({ status: 'ok', level, size: 22, halo: false })),
    );
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]! + 10);
  });

  it('draws only the track when the level is unknown, and treats NaN as unknown', () => {
    const unknown = renderTrayIcon({ status: 'ok', level: null, size: 22, halo: false });
    expect(opaque(unknown)).toBe(0);
    expect(renderTrayIcon({ status: 'ok', level: Number.NaN, size: 22, halo: false }).data).toEqual(unknown.data);
    // Out-of-range levels are clamped, not wrapped.
    expect(renderTrayIcon({ status: 'ok', level: 7, size: 22 }).data).toEqual(
      renderTrayIcon({ status: 'ok', level: 1, size: 22 }).data,
    );
  });

  it('marks the centre: hollow for ok, a dot for warning, a disc for critical, a bar for blocked', () => {
    const centre = (status: Status) =>
      px(renderTrayIcon({ status, level: 0.5, size: 32, halo: false }), 16, 16).a;
    expect(centre('ok')).toBe(0);
    expect(centre('stale')).toBe(0);
    expect(centre('warning')).toBe(255);
    expect(centre('critical')).toBe(255);
    // warning's dot is small: a point 5 px from the centre is empty; critical's disc covers it.
    expect(px(renderTrayIcon({ status: 'warning', level: 0.5, size: 32, halo: false }), 21, 16).a).toBe(0);
    expect(px(renderTrayIcon({ status: 'critical', level: 0.5, size: 32, halo: false }), 21, 16).a).toBe(255);
    // blocked: white bar in colour, a hole in the template.
    const blocked = px(renderTrayIcon({ status: 'blocked', level: 0, size: 32 }), 16, 16);
    expect(blocked).toEqual({ r: 255, g: 255, b: 255, a: 255 });
    expect(px(renderTrayIcon({ status: 'blocked', level: 0, size: 32, template: true }), 16, 16).a).toBe(0);
  });

  it('keeps a clear gap between the stroke and the dot of "!" at 16 px', () => {
    const img = renderTrayIcon({ status: 'error', level: null, size: 16, halo: false });
    const column = Array.from({ length: 16 }, (_, y) => Math.max(px(img, 7, y).a, px(img, 8, y).a));
    const solid = column.map((a) => a > 200);
    // stroke, then at least one clearly empty row, then the dot
    const firstSolid = solid.indexOf(true);
    const gap = solid.indexOf(false, firstSolid);
    expect(firstSolid).toBeGreaterThan(0);
    expect(column[gap]!).toBeLessThan(120);
    expect(solid.indexOf(true, gap)).toBeGreaterThan(gap);
  });

  it.each(STATUSES)('template variant of %s is black and alpha only', (status) => {
    for (const size of [16, 32]) {
      const img = renderTrayIcon({ status, level: 0.5, size, template: true });
      let painted = 0;
      for (let i = 0; i < img.data.length; i += 4) {
        if (img.data[i + 3]! === 0) continue;
        painted++;
        expect([img.data[i], img.data[i + 1], img.data[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(painted).toBeGreaterThan(size * 2);
    }
  });

  it('refuses a size it cannot draw', () => {
    expect(() => renderTrayIcon({ status: 'ok', level: 0.5, size: 2 })).toThrow(RangeError);
    expect(() => renderTrayIcon({ status: 'ok', level: 0.5, size: Number.NaN })).toThrow(RangeError);
  });
});

describe('encodePng', () => {
  it('writes a PNG that decodes to the same pixels', () => {
    const img = renderTrayIcon({ status: 'warning', level: 0.3, size: 22 });
    const png = encodePng(img);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const back = decodePng(png);
    expect(back.width).toBe(22);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });
});
