import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';
import { activeBlock, EMPTY_STATE, mergeObservation, viewWindows } from '../../electron/core/quota/state';

const t0 = Date.parse('2026-11-23T12:20:00Z');
const hourEnd = Date.parse('2026-11-23T13:00:00Z');
const plan = voucherifyPlan('startup');

function ok(at: number, remaining: number) {
  return parseResponse(
    {
      status: 200,
      headers: {
        'X-Rate-Limit-Limit': '1000',
        'X-Rate-Limit-Remaining': String(remaining),
        'X-Rate-Limit-Retry': String(hourEnd / 1000),
      },
    },
    { now: at },
  );
}

describe('key quota state', () => {
  it('keeps the newest reading of a window and ignores a late older one', () => {
    let s = mergeObservation(EMPTY_STATE, ok(t0 + 60_000, 900), t0 + 60_000);
    s = mergeObservation(s, ok(t0, 950), t0);
    expect(s.windows.api_calls?.remaining).toBe(900);
    expect(s.lastObservedAt).toBe(t0 + 60_000);
  });

  it('fills windows never observed from the plan, marked as plan figures', () => {
    const s = mergeObservation(EMPTY_STATE, ok(t0, 900), t0);
    const views = viewWindows(s, plan, t0);
    expect(views.map((v) => v.id).sort()).toEqual([
      'api_calls',
      'api_calls_cycle',
      'bulk_api_calls',
      'webhook_calls',
    ]);
    expect(views.find((v) => v.id === 'api_calls_cycle')).toMatchObject({
      source: 'plan',
      limit: 10_000,
      remaining: null,
    });
    expect(views.find((v) => v.id === 'api_calls')).toMatchObject({ source: 'header', remaining: 900 });
  });

  it('shows a window past its reset as refilled, by estimate, with the next reset', () => {
    const s = mergeObservation(EMPTY_STATE, ok(t0, 10), t0);
    const later = hourEnd + 5 * 60_000;
    const v = viewWindows(s, plan, later).find((w) => w.id === 'api_calls');
    expect(v).toMatchObject({
      remaining: 1000,
      used: 0,
      source: 'estimate',
      resetSinceObserved: true,
      resetAt: hourEnd + 3_600_000,
    });
  });

  it('ages observations into stale ones', () => {
    const s = mergeObservation(EMPTY_STATE, ok(t0, 10), t0);
    expect(viewWindows(s, plan, t0 + 10 * 60_000).find((w) => w.id === 'api_calls')?.stale).toBe(false);
    expect(viewWindows(s, plan, t0 + 2 * 3_600_000).find((w) => w.id === 'api_calls')?.stale).toBe(true);
  });

  it('holds a breached window exhausted until its retry time, then lifts the block', () => {
    const breach = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Limit': '1000',
          'X-Rate-Limit-Remaining': '300',
          'Retry-After': '1800',
          'X-Rate-Limit-Type': 'bulk_api_calls',
        },
      },
      { now: t0 },
    );
    const s = mergeObservation(EMPTY_STATE, breach, t0);
    const during = viewWindows(s, plan, t0 + 60_000).find((w) => w.id === 'bulk_api_calls');
    expect(during).toMatchObject({ remaining: 0, limit: 10, exhausted: true });
    expect(activeBlock(s, t0 + 60_000)?.type).toBe('bulk_api_calls');
    expect(activeBlock(s, t0 + 1_800_000)).toBeNull();
  });

  it('clears a block when a later call succeeds', () => {
    const breach = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Limit': '1000',
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Type': 'api_calls',
        },
      },
      { now: t0 },
    );
    let s = mergeObservation(EMPTY_STATE, breach, t0);
    expect(activeBlock(s, t0 + 1000)).not.toBeNull();
    s = mergeObservation(s, ok(t0 + 2000, 999), t0 + 2000);
    expect(activeBlock(s, t0 + 3000)).toBeNull();
  });
});
