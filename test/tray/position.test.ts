// Where the popover opens: at the tray on every platform, at the panel's corner when Linux does not
// say where the tray is, and never outside the work area.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { popoverPosition, type Rect } from '../../electron/core/tray/position';

const display: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const win = { width: 400, height: 600 };

describe('popoverPosition', () => {
  it('macOS: centred under the menu bar icon', () => {
    const p = popoverPosition({
      platform: 'darwin',
      trayBounds: { x: 1500, y: 0, width: 22, height: 24 },
      window: win,
      workArea: { x: 0, y: 25, width: 1920, height: 1055 },
      displayBounds: display,
    });
    expect(p).toEqual({ x: 1511 - 200, y: 31 });
  });

  it('Windows: above a bottom taskbar, centred on the icon', () => {
    const p = popoverPosition({
      platform: 'win32',
      trayBounds: { x: 1700, y: 1050, width: 24, height: 30 },
      window: win,
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      displayBounds: display,
    });
    expect(p).toEqual({ x: 1712 - 200, y: 1040 - 600 - 6 });
  });

  it('a tray near the screen edge keeps the popover inside the work area', () => {
    const p = popoverPosition({
      platform: 'win32',
      trayBounds: { x: 1900, y: 1050, width: 20, height: 30 },
      window: win,
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      displayBounds: display,
    });
    expect(p.x).toBe(1920 - 400);
  });

  it('Windows with a left taskbar: beside it', () => {
    const p = popoverPosition({
      platform: 'win32',
      trayBounds: { x: 10, y: 900, width: 24, height: 24 },
      window: win,
      workArea: { x: 48, y: 0, width: 1872, height: 1080 },
      displayBounds: display,
    });
    expect(p).toEqual({ x: 54, y: 1080 - 600 });
  });

  it('Linux with empty tray bounds and a top panel (GNOME): the top-right corner', () => {
    const p = popoverPosition({
      platform: 'linux',
      trayBounds: { x: 0, y: 0, width: 0, height: 0 },
      window: win,
      workArea: { x: 0, y: 32, width: 1920, height: 1048 },
      displayBounds: display,
    });
    expect(p).toEqual({ x: 1920 - 400 - 6, y: 38 });
  });

  it('Linux with no bounds and a bottom panel (KDE): the bottom-right corner', () => {
    const p = popoverPosition({
      platform: 'linux',
      trayBounds: null,
      window: win,
      workArea: { x: 0, y: 0, width: 1920, height: 1036 },
      displayBounds: display,
    });
    expect(p).toEqual({ x: 1514, y: 1036 - 600 - 6 });
  });

  it('on a second display, stays on that display', () => {
    const second: Rect = { x: 1920, y: 0, width: 1280, height: 1024 };
    const p = popoverPosition({
      platform: 'linux',
      trayBounds: null,
      window: win,
      workArea: { x: 1920, y: 28, width: 1280, height: 996 },
      displayBounds: second,
    });
    expect(p.x).toBeGreaterThanOrEqual(1920);
    expect(p.x + 400).toBeLessThanOrEqual(3200);
  });

  it('is always inside the work area, whatever the tray reports', () => {
    const rect = fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 0, max: 200 }),
      height: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<NodeJS.Platform>('darwin', 'win32', 'linux'),
        fc.option(rect),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (platform, trayBounds, top, bottom) => {
          const workArea = { x: 0, y: top, width: 1920, height: 1080 - top - bottom };
          const p = popoverPosition({ platform, trayBounds, window: win, workArea, displayBounds: display });
          expect(p.x).toBeGreaterThanOrEqual(workArea.x);
          expect(p.y).toBeGreaterThanOrEqual(workArea.y);
          expect(p.x + win.width).toBeLessThanOrEqual(workArea.x + workArea.width);
          expect(p.y + win.height).toBeLessThanOrEqual(workArea.y + workArea.height);
          expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
        },
      ),
    );
  });
});
