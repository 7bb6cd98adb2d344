// Where the popover opens, menubar-style: centred under the tray icon on macOS, next to it on the
// taskbar's side elsewhere (above a bottom taskbar, below a top panel, beside a side one). Linux
// trays often report empty bounds; then the popover goes to the corner of the work area where the
// panel is (the side the work area is inset from), by default top-right. Always inside the work area.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PopoverPlacement {
  platform: NodeJS.Platform;
  /** Tray.getBounds(); null or empty (0 x 0) when the platform does not tell. */
  trayBounds: Rect | null;
  window: { width: number; height: number };
  /** The display the tray (or the cursor) is on. */
  workArea: Rect;
  displayBounds: Rect;
}

const GAP = 6;

export function popoverPosition(p: PopoverPlacement): { x: number; y: number } {
  const { width: w, height: h } = p.window;
  const wa = p.workArea;
  const tray = p.trayBounds && p.trayBounds.width > 0 && p.trayBounds.height > 0 ? p.trayBounds : null;
  let x: number;
  let y: number;

  if (!tray) {
    const side = panelSide(p);
    x = side === 'left' ? wa.x + GAP : wa.x + wa.width - w - GAP;
    y = side === 'bottom' ? wa.y + wa.height - h - GAP : wa.y + GAP;
  } else {
    const cx = tray.x + tray.width / 2;
    const cy = tray.y + tray.height / 2;
    const side = p.platform === 'darwin' ? 'top' : traySide(tray, wa);
    switch (side) {
      case 'top':
        x = cx - w / 2;
        y = Math.max(tray.y + tray.height, wa.y) + GAP;
        break;
      case 'bottom':
        x = cx - w / 2;
        y = Math.min(tray.y, wa.y + wa.height) - h - GAP;
        break;
      case 'left':
        x = Math.max(tray.x + tray.width, wa.x) + GAP;
        y = cy - h / 2;
        break;
      case 'right':
        x = Math.min(tray.x, wa.x + wa.width) - w - GAP;
        y = cy - h / 2;
        break;
    }
  }
  return {
    x: Math.round(clamp(x, wa.x, wa.x + wa.width - w)),
    y: Math.round(clamp(y, wa.y, wa.y + wa.height - h)),
  };
}

type Side = 'top' | 'bottom' | 'left' | 'right';

/** Which edge the tray sits on: outside the work area tells directly; inside, the nearer half. */
function traySide(tray: Rect, wa: Rect): Side {
  if (tray.y + tray.height <= wa.y) return 'top';
  if (tray.y >= wa.y + wa.height) return 'bottom';
  if (tray.x + tray.width <= wa.x) return 'left';
  if (tray.x >= wa.x + wa.width) return 'right';
  return tray.y + tray.height / 2 < wa.y + wa.height / 2 ? 'top' : 'bottom';
}

/** The edge a panel takes room from (the work area is inset there); else the platform's usual place. */
function panelSide(p: PopoverPlacement): Side {
  const d = p.displayBounds;
  const wa = p.workArea;
  if (wa.y > d.y) return 'top';
  if (wa.y + wa.height < d.y + d.height) return 'bottom';
  if (wa.x > d.x) return 'left';
  if (wa.x + wa.width < d.x + d.width) return 'right';
  return p.platform === 'win32' ? 'bottom' : 'top';
}

function clamp(v: number, lo: number, hi: number): number {
  // A window larger than the work area is pinned to its top-left corner.
  return Math.max(lo, Math.min(v, hi));
}
