// The tray icon must read on dark and light panels alike. Measured, not guessed: the share of the
// icon's square standing at least 3:1 against the panel (WCAG's bar for graphics), at 16, 22 and 32 px
// (electron/core/tray/contrast.ts; `npm run bench -- --only tray-contrast` prints the figures).
// Contact sheets on each panel go to test-output/screenshots/ to be looked at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../electron/ipc/contract';
import { renderTrayIcon } from '../../electron/core/tray/icon';
import { contactSheet, encodePng } from '../../electron/core/tray/png';
import { levelsChecked, PANELS, visibleFloor, visibleShare } from '../../electron/core/tray/contrast';

const SIZES = [16, 22, 32];
const OUT = join(process.cwd(), 'test-output', 'screenshots');

describe('tray icon contrast on dark and light panels', () => {
  it('a stale figure stays plainly visible at 16 px on every panel, whatever the level', () => {
    for (const size of SIZES)
      for (const level of levelsChecked('stale'))
        for (const [panel, rgb] of Object.entries(PANELS)) {
          const share = visibleShare(renderTrayIcon({ status: 'stale', level, size }), rgb);
          // Before the fix: 3 % on dark panels at a tenth left, 0 % on light ones.
          expect(visibleFloor('stale', panel)).toBe(0.15);
          expect(share, `stale ${size} px, level ${level}, ${panel}`).toBeGreaterThanOrEqual(0.15);
        }
  });

  it('every status has a 3:1 edge on light panels, and none vanishes on dark ones', () => {
    for (const size of SIZES)
      for (const status of STATUSES)
        for (const level of levelsChecked(status))
          for (const [panel, rgb] of Object.entries(PANELS)) {
            const share = visibleShare(renderTrayIcon({ status, level, size }), rgb);
            const floor = visibleFloor(status, panel);
            expect(share, `${status} ${size} px, level ${level}, ${panel}`).toBeGreaterThanOrEqual(floor);
          }
  });

  it('writes contact sheets at 16 and 32 px on a dark and a light panel', () => {
    mkdirSync(OUT, { recursive: true });
    for (const [name, rgb] of [
      ['dark', PANELS['dark (#202020)']!],
      ['light', PANELS['light (#f3f3f3)']!],
    ] as const)
      for (const size of [16, 32]) {
        const rows = [0.1, 0.6].map((level) =>
          STATUSES.map((status) => renderTrayIcon({ status, level, size })),
        );
        const sheet = contactSheet(rows, { scale: size === 16 ? 6 : 3, background: rgb });
        const png = encodePng(sheet);
        writeFileSync(join(OUT, `tray-${name}-${size}.png`), png);
        expect(png.length).toBeGreaterThan(100);
      }
  });
});
