// The tray's cost per state change: drawing the icon (coverage sampling, both densities), encoding it
// as PNG, and building the menu and tooltip models, for 1 to 50 keys. The shell redraws the icon only
// when the gauge moves a visible step, but rebuilds menu and tooltip on every state.
import { performance } from 'node:perf_hooks';
import { STATUSES } from '../electron/ipc/contract';
import { renderTrayIcon } from '../electron/core/tray/icon';
import { buildTrayMenu } from '../electron/core/tray/menu';
import { encodePng } from '../electron/core/tray/png';
import { buildTooltip } from '../electron/core/tray/tooltip';
import { appState, keyView, NOW } from '../test/tray/fixtures';
import { table, type BenchSection } from './section';

function median(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const ms = (v: number) => v.toFixed(3);

export const section: BenchSection = {
  title: 'Tray: icon drawing and menu building per state change',
  async run(print) {
    const iconRows = [16, 22, 32, 44].map((size) => {
      let i = 0;
      const draw = median(() => {
        renderTrayIcon({ status: STATUSES[i++ % STATUSES.length]!, level: (i % 100) / 100, size });
      }, 200);
      const img = renderTrayIcon({ status: 'warning', level: 0.3, size });
      const png = median(() => void encodePng(img), 200);
      return [`${size} px`, ms(draw), ms(png), encodePng(img).length];
    });
    print('Icon, per status and level (median of 200):');
    print('');
    for (const line of table(['size', 'draw ms', 'PNG encode ms', 'PNG bytes'], iconRows)) print(line);

    const menuRows = [1, 10, 50].map((n) => {
      const keys = Array.from({ length: n }, (_, i) =>
        keyView({ id: `key-${i + 1000}`, name: `Key ${i}`, level: (i % 10) / 10, status: STATUSES[i % 6]! }),
      );
      const state = appState(keys);
      const menu = median(() => void buildTrayMenu(state, NOW, { locale: 'en-GB', timeZone: 'UTC' }), 100);
      const tooltip = median(() => void buildTooltip(state, NOW, 'win32', { timeZone: 'UTC' }), 100);
      const items = buildTrayMenu(state, NOW).reduce((s, i) => s + 1 + (i.submenu?.length ?? 0), 0);
      return [n, ms(menu), ms(tooltip), items];
    });
    print('');
    print('Menu and tooltip models (median of 100):');
    print('');
    for (const line of table(['keys', 'menu ms', 'tooltip ms', 'menu items'], menuRows)) print(line);
  },
};
