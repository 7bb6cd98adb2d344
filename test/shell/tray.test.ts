// The tray controller through a mocked Electron: the menu is rebuilt and set again on every state
// change (Linux), a click on an item runs its action, the tooltip and the macOS title follow the
// state, and the icon is redrawn only when its look changes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodePng } from '../../electron/core/tray/png';
import type { MenuAction } from '../../electron/core/tray/menu';
import { appState, keyView, NOW } from '../tray/fixtures';

interface Template {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: Template[];
}

const m = vi.hoisted(() => ({
  trays: [] as FakeTrayLike[],
}));
interface FakeTrayLike {
  images: { reps: { scaleFactor: number; buffer: Buffer }[]; template: boolean }[];
  tooltip: string;
  title: string | null;
  contextMenus: { template: Template[] }[];
  popUps: number;
  events: Map<string, () => void>;
  destroyed: boolean;
}

vi.mock('electron', () => {
  class FakeImage {
    reps: { scaleFactor: number; buffer: Buffer }[] = [];
    template = false;
    addRepresentation(r: { scaleFactor: number; buffer: Buffer }) {
      this.reps.push(r);
    }
    setTemplateImage(t: boolean) {
      this.template = t;
    }
  }
  class Tray implements FakeTrayLike {
    images: FakeTrayLike['images'] = [];
    tooltip = '';
    title: string | null = null;
    contextMenus: { template: Template[] }[] = [];
    popUps = 0;
    events = new Map<string, () => void>();
    destroyed = false;
    constructor(image: FakeImage) {
      this.images.push(image);
      m.trays.push(this);
    }
    setImage(image: FakeImage) {
      this.images.push(image);
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setTitle(t: string) {
      this.title = t;
    }
    setContextMenu(menu: { template: Template[] }) {
      this.contextMenus.push(menu);
    }
    popUpContextMenu() {
      this.popUps++;
    }
    setIgnoreDoubleClickEvents() {}
    on(event: string, fn: () => void) {
      this.events.set(event, fn);
    }
    getBounds() {
      return { x: 0, y: 0, width: 0, height: 0 };
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    Tray,
    Menu: { buildFromTemplate: (template: Template[]) => ({ template }) },
    nativeImage: {
      createFromBuffer: (buffer: Buffer, o: { scaleFactor: number }) => {
        const img = new FakeImage();
        img.reps.push({ scaleFactor: o.scaleFactor, buffer });
        return img;
      },
    },
  };
});

const { createTrayController } = await import('../../electron/shell/tray');

function find(items: Template[], id: string): Template | undefined {
  for (const i of items) {
    if (i.id === id) return i;
    const inner = i.submenu && find(i.submenu, id);
    if (inner) return inner;
  }
  return undefined;
}

beforeEach(() => {
  m.trays.length = 0;
});

describe('createTrayController', () => {
  it('Linux: sets a new context menu on every state change, with Open and Probe now', () => {
    const actions: MenuAction[] = [];
    const ctl = createTrayController(
      { platform: 'linux', onAction: (a) => actions.push(a), onClick: () => undefined, now: () => NOW },
      appState([keyView()]),
    );
    const tray = m.trays[0]!;
    expect(tray.contextMenus).toHaveLength(1);
    ctl.update(
      appState([keyView({ headline: 'Hourly 12% left', level: 0.12, status: 'warning' })], {
        status: 'warning',
        level: 0.12,
      }),
    );
    expect(tray.contextMenus).toHaveLength(2);
    const menu = tray.contextMenus[1]!.template;
    expect(find(menu, 'key:prod-eu')?.label).toBe('[Warning] Production EU: Hourly 12% left');
    find(menu, 'open')?.click?.();
    find(menu, 'probe-all')?.click?.();
    find(menu, 'prod-eu:probe')?.click?.();
    find(menu, 'snooze:30m')?.click?.();
    expect(actions).toEqual([
      { type: 'open' },
      { type: 'probe', keyId: null },
      { type: 'probe', keyId: 'prod-eu' },
      { type: 'snooze', duration: '30m' },
    ]);
    expect(tray.title).toBeNull(); // setTitle is macOS-only
  });

  it('escapes ampersands in key names for the native menu', () => {
    createTrayController(
      { platform: 'win32', onAction: () => undefined, onClick: () => undefined, now: () => NOW },
      appState([keyView({ name: 'R&D' })]),
    );
    expect(find(m.trays[0]!.contextMenus[0]!.template, 'key:prod-eu')?.label).toMatch(/^R&&D: /);
  });

  it('sets the tooltip from the state and redraws the icon only when its look changes', () => {
    const ctl = createTrayController(
      { platform: 'linux', onAction: () => undefined, onClick: () => undefined, now: () => NOW },
      appState([keyView()], { status: 'ok', level: 0.42 }),
    );
    const tray = m.trays[0]!;
    expect(tray.tooltip).toBe('Headroom\nProduction EU: Hourly 42% left, resets 13:00');
    ctl.update(appState([keyView()], { status: 'ok', level: 0.421, revision: 2 }));
    expect(tray.images).toHaveLength(1);
    ctl.update(appState([keyView()], { status: 'blocked', level: 0, revision: 3 }));
    expect(tray.images).toHaveLength(2);
    // Both densities, 22 and 44 px on Linux, as PNG.
    const reps = tray.images[1]!.reps;
    expect(reps.map((r) => [r.scaleFactor, decodePng(r.buffer).width])).toEqual([
      [1, 22],
      [2, 44],
    ]);
  });

  it('macOS: template icon, title text, menu on right-click (left click opens the popover)', () => {
    const clicks: unknown[] = [];
    createTrayController(
      { platform: 'darwin', onAction: () => undefined, onClick: (b) => clicks.push(b), now: () => NOW },
      appState([keyView()], { status: 'ok', level: 0.42 }),
    );
    const tray = m.trays[0]!;
    expect(tray.images[0]!.template).toBe(true);
    expect(tray.title).toBe('42%');
    expect(tray.contextMenus).toHaveLength(0);
    tray.events.get('right-click')?.();
    expect(tray.popUps).toBe(1);
    tray.events.get('click')?.();
    expect(clicks).toEqual([null]); // empty bounds are reported as unknown
  });
});
