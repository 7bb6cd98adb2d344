// Tray icon contrast, the figures test/tray/contrast.test.ts holds the icon to: for each status on dark
// and light panels at 16, 22 and 32 px, the share of the icon standing at 3:1 against the panel and
// the strongest contrast it reaches, taken at the worst panel of its kind and the worst gauge level
// the test checks, with pass/fail against the test's floor.
import { STATUSES } from '../electron/ipc/contract';
import {
  GRAPHIC_CONTRAST,
  levelsChecked,
  PANELS,
  peakContrast,
  visibleFloor,
  visibleShare,
} from '../electron/core/tray/contrast';
import { renderTrayIcon } from '../electron/core/tray/icon';
import { table, type BenchSection } from './section';

const SIZES = [16, 22, 32];
const KINDS = ['dark', 'light'] as const;
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export const section: BenchSection = {
  title: 'Tray icon contrast on dark and light panels',
  async run(print) {
    const rows: (string | number)[][] = [];
    let failed = 0;
    for (const status of STATUSES)
      for (const kind of KINDS)
        for (const size of SIZES) {
          // The worst case over the panels of this kind and the levels the test checks.
          let worst: { share: number; peak: number; floor: number; where: string } | null = null;
          for (const [panel, rgb] of Object.entries(PANELS).filter(([p]) => p.startsWith(kind)))
            for (const level of levelsChecked(status)) {
              const img = renderTrayIcon({ status, level, size });
              const share = visibleShare(img, rgb);
              const floor = visibleFloor(status, panel);
              if (!worst || share - floor < worst.share - worst.floor)
                worst = {
                  share,
                  peak: peakContrast(img, rgb),
                  floor,
                  where: `${panel.replace(/^\w+ \((.*)\)$/, '$1')}, level ${level ?? 'none'}`,
                };
            }
          if (!worst) continue;
          const pass = worst.share >= worst.floor;
          if (!pass) failed++;
          rows.push([
            status,
            kind,
            `${size} px`,
            `${worst.peak.toFixed(2)}:1`,
            pct(worst.share),
            `≥ ${pct(worst.floor)}`,
            pass ? 'pass' : 'FAIL',
            worst.where,
          ]);
        }
    print(
      `Share of the icon at ${GRAPHIC_CONTRAST}:1 or more against the panel (WCAG 1.4.11), worst panel and level:`,
    );
    print('');
    for (const line of table(
      [
        'status',
        'panel',
        'size',
        'peak contrast',
        `share ≥ ${GRAPHIC_CONTRAST}:1`,
        'floor',
        'result',
        'worst at',
      ],
      rows,
    ))
      print(line);
    print('');
    print(failed === 0 ? 'Every state passes its floor.' : `${failed} state(s) below their floor.`);
  },
};
