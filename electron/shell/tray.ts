// The tray icon, its tooltip and context menu, rebuilt from each AppState. The pixels, the menu and
// the tooltip come from pure modules (core/tray); this file only hands them to Electron.
// Platform notes: Tray.setTitle is macOS-only (elsewhere the gauge in the icon carries the figure);
// on macOS a set context menu would swallow the left click that opens the popover, so the menu pops
// up on right-click instead; Linux (AppIndicator) may never emit click events, so its menu always
// has Open and Probe now, and needs setContextMenu again for new labels.
import { Menu, nativeImage, Tray } from 'electron';
import type { MenuItemConstructorOptions, NativeImage, Rectangle } from 'electron';
import type { AppState, Status } from '../ipc/contract';
import type { TrayFormat } from '../core/tray/format';
import { renderTrayIcon, trayIconSizes } from '../core/tray/icon';
import {
  buildTrayMenu,
  escapeMenuLabel,
  trayTitle,
  type MenuAction,
  type MenuItemModel,
} from '../core/tray/menu';
import { encodePng } from '../core/tray/png';
import { buildTooltip } from '../core/tray/tooltip';

export interface TrayDeps {
  platform: NodeJS.Platform;
  onAction(action: MenuAction): void;
  /** Left click: toggle the popover at the icon. */
  onClick(bounds: Rectangle | null): void;
  now?: () => number;
  format?: TrayFormat;
}

export interface TrayController {
  /** Replaces the "loading" look (or the previous state) with this state. */
  update(state: AppState): void;
  bounds(): Rectangle | null;
  destroy(): void;
}

export function toMenuTemplate(
  items: readonly MenuItemModel[],
  onAction: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((m): MenuItemConstructorOptions => {
    if (m.type === 'separator') return { type: 'separator' };
    const base: MenuItemConstructorOptions = {
      id: m.id,
      label: escapeMenuLabel(m.label),
      enabled: m.enabled,
    };
    if (m.type === 'submenu') return { ...base, submenu: toMenuTemplate(m.submenu ?? [], onAction) };
    const action = m.action;
    return action ? { ...base, click: () => onAction(action) } : base;
  });
}

/** Both densities of the icon in one NativeImage (the OS picks the one its display needs). */
export function trayImage(platform: NodeJS.Platform, status: Status, level: number | null): NativeImage {
  const { base, scales, template } = trayIconSizes(platform);
  const [first = 1, ...rest] = scales;
  const png = (scale: number) => encodePng(renderTrayIcon({ status, level, size: base * scale, template }));
  const image = nativeImage.createFromBuffer(png(first), { scaleFactor: first });
  for (const scale of rest) image.addRepresentation({ scaleFactor: scale, buffer: png(scale) });
  if (template) image.setTemplateImage(true);
  return image;
}

/** The gauge has a few dozen visible steps: redraw only when the step changes. */
function iconKey(status: Status, level: number | null): string {
  return `${status}:${level === null ? '-' : Math.round(level * 64)}`;
}

/** The menu while the first state is being built (the demo's replay takes a second or two). */
export function loadingMenuTemplate(onAction: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  return [
    { id: 'loading', label: 'Loading quota…', enabled: false },
    { type: 'separator' },
    { id: 'open', label: 'Open Headroom', click: () => onAction({ type: 'open' }) },
    { id: 'quit', label: 'Quit Headroom', click: () => onAction({ type: 'quit' }) },
  ];
}

export const LOADING_TOOLTIP = 'Headroom: loading…';

/**
 * The tray icon, shown at once: `initial` null means the service is still starting, so the icon is the
 * grey "no figures yet" gauge with a loading tooltip and menu until the first update().
 */
export function createTrayController(deps: TrayDeps, initial: AppState | null): TrayController {
  const now = deps.now ?? Date.now;
  const mac = deps.platform === 'darwin';
  const first = initial ?? { status: 'stale' as const, level: null };
  let key = iconKey(first.status, first.level);
  const tray = new Tray(trayImage(deps.platform, first.status, first.level));
  let menu: Menu | null = null;

  if (mac) tray.setIgnoreDoubleClickEvents(true);
  tray.on('click', () => deps.onClick(safeBounds()));
  if (mac) tray.on('right-click', () => menu && tray.popUpContextMenu(menu));

  function safeBounds(): Rectangle | null {
    try {
      const b = tray.getBounds();
      return b.width > 0 && b.height > 0 ? b : null;
    } catch {
      return null;
    }
  }

  function update(state: AppState): void {
    const k = iconKey(state.status, state.level);
    if (k !== key) {
      key = k;
      tray.setImage(trayImage(deps.platform, state.status, state.level));
    }
    const at = now();
    tray.setToolTip(buildTooltip(state, at, deps.platform, deps.format));
    menu = Menu.buildFromTemplate(toMenuTemplate(buildTrayMenu(state, at, deps.format), deps.onAction));
    if (mac) tray.setTitle(trayTitle(state), { fontType: 'monospacedDigit' });
    else tray.setContextMenu(menu);
  }

  if (initial) update(initial);
  else {
    tray.setToolTip(LOADING_TOOLTIP);
    menu = Menu.buildFromTemplate(loadingMenuTemplate(deps.onAction));
    if (!mac) tray.setContextMenu(menu);
  }
  return {
    update,
    bounds: safeBounds,
    destroy: () => tray.destroy(),
  };
}
