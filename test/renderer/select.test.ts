// Which window leads a card, how worried a gauge looks, which key is worst, and the sparkline's shape.
import { describe, expect, it } from 'vitest';
import { worstKey } from '../../renderer/src/select/keys';
import { sparkGeometry } from '../../renderer/src/select/sparkline';
import { gaugeWindows, primaryWindow, shareLeft, toneForUsed } from '../../renderer/src/select/windows';
import { cycle, hourly, key, NOW, planWindow } from './support/fixtures';

describe('windows', () => {
  it('leads with the request window and never gauges the billing cycle', () => {
    const ws = [
      planWindow('webhook_calls', 'webhooks', 'Webhooks / day', 7200),
      planWindow('api_calls_cycle', 'billing-cycle', 'Billing cycle', 500),
      hourly(),
      planWindow('bulk_api_calls', 'bulk', 'Bulk requests / hour', 1),
    ];
    expect(primaryWindow(ws)?.id).toBe('api_calls');
    expect(gaugeWindows(ws).map((w) => w.id)).toEqual(['api_calls', 'bulk_api_calls', 'webhook_calls']);
  });

  it('leads with an exhausted window when a breach holds one at zero', () => {
    const bulk = {
      ...planWindow('bulk_api_calls', 'bulk', 'Bulk requests / hour', 10),
      remaining: 0,
      exhausted: true,
    };
    expect(primaryWindow([hourly(), bulk])?.id).toBe('bulk_api_calls');
  });

  it('works out the share left from remaining or used, and admits when it cannot', () => {
    expect(shareLeft(hourly())).toBeCloseTo(0.643);
    expect(shareLeft({ limit: 100, remaining: null, used: 25 })).toBe(0.75);
    expect(shareLeft({ limit: null, remaining: 5, used: null })).toBeNull();
    expect(shareLeft({ limit: 100, remaining: 140, used: null })).toBe(1);
  });

  it('turns amber at the first threshold and red at the second', () => {
    expect(toneForUsed(0.5, [80, 90, 100])).toBe('ok');
    expect(toneForUsed(0.85, [80, 90, 100])).toBe('warning');
    expect(toneForUsed(0.93, [80, 90, 100])).toBe('critical');
    expect(toneForUsed(1, [50])).toBe('critical');
    expect(toneForUsed(null, [80])).toBe('unknown');
  });
});

describe('keys', () => {
  it('takes the service’s worst key, else the most severe', () => {
    const a = key({ id: 'aaaa', status: 'ok' });
    const b = key({ id: 'bbbb', status: 'blocked' });
    expect(worstKey({ keys: [a, b], worstKeyId: 'aaaa' })?.id).toBe('aaaa');
    expect(worstKey({ keys: [a, b], worstKeyId: null })?.id).toBe('bbbb');
    expect(worstKey({ keys: [], worstKeyId: null })).toBeNull();
  });
});

describe('sparkline geometry', () => {
  it('places usage, the cone and the limit inside the box', () => {
    const g = sparkGeometry(cycle(), 200, 28, NOW);
    const nums = [g.history, g.mid, g.cone].join(' ').split(/[ ,]/).filter(Boolean).map(Number);
    expect(nums.every((n) => n >= 0 && n <= 200)).toBe(true);
    expect(g.limitY).not.toBeNull();
    // The limit is the highest thing drawn when nothing exceeds it... here the cone's top does (10,600+),
    // so the limit line sits below the top edge.
    expect(g.limitY!).toBeGreaterThan(0);
    // "now" is 22.5 days into a 30-day cycle.
    expect(g.nowX).toBeCloseTo(150, 0);
  });

  it('draws nothing it has no data for', () => {
    const g = sparkGeometry(cycle({ history: [], cone: [], limit: null }), 200, 28, NOW);
    expect(g).toMatchObject({ history: '', mid: '', cone: '', limitY: null });
  });
});
