// The tab's glance: the title says the status and the tightest key, the favicon address names the
// tray icon to draw, and nothing else can be slipped into it.
import { describe, expect, it } from 'vitest';
import type { AppState, KeyView } from '../../electron/ipc/contract';
import { faviconPath, pageTitle, parseFaviconQuery } from '../../electron/web/glance';

const key = (id: string, name: string, level: number | null, status: KeyView['status'] = 'ok') =>
  ({ id, name, level, status }) as KeyView;
const state = (over: Partial<AppState>): AppState =>
  ({
    status: 'ok',
    level: 0.72,
    worstKeyId: null,
    keys: [key('a', 'Shop', 0.9), key('b', 'CRM', 0.72)],
    ...over,
  }) as AppState;

describe('page title', () => {
  it('names the figure and the key with the least left when all is well', () => {
    expect(pageTitle(state({}))).toBe('72% left · CRM — Headroom');
  });
  it('names the status and the key needing attention', () => {
    expect(pageTitle(state({ status: 'warning', level: 0.12, worstKeyId: 'a' }))).toBe(
      '12% left (warning) · Shop — Headroom',
    );
    expect(pageTitle(state({ status: 'blocked', level: 0, worstKeyId: 'a' }))).toBe(
      'Blocked · Shop — Headroom',
    );
    expect(pageTitle(state({ status: 'error', level: 0.5, worstKeyId: 'b' }))).toBe(
      'Problem · CRM — Headroom',
    );
  });
  it('is just the name with no keys or no state', () => {
    expect(pageTitle(null)).toBe('Headroom');
    expect(pageTitle(state({ keys: [] }))).toBe('Headroom');
  });
});

describe('favicon address', () => {
  it('round-trips status and a quantised level', () => {
    const path = faviconPath(state({ status: 'critical', level: 0.05 }));
    expect(path).toBe('/favicon.png?status=critical&level=3');
    expect(parseFaviconQuery(new URL(path, 'http://x').searchParams)).toEqual({
      status: 'critical',
      level: 3 / 64,
    });
    expect(parseFaviconQuery(new URLSearchParams(faviconPath(state({ level: null })).split('?')[1]))).toEqual(
      { status: 'ok', level: null },
    );
  });
  it('refuses anything it did not make', () => {
    for (const q of [
      'status=evil&level=3',
      'status=ok&level=65',
      'status=ok&level=-1',
      'status=ok',
      'level=3',
    ])
      expect(parseFaviconQuery(new URLSearchParams(q)), q).toBeNull();
  });
});
