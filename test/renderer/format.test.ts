// Formatting helpers: what the user reads. Fixed locale (en-GB) and zone (UTC) for stable text.
import { describe, expect, it } from 'vitest';
import { createFmt } from '../../renderer/src/format/locale';
import { countOf, formatCount, formatShare } from '../../renderer/src/format/numbers';
import { probeShort } from '../../renderer/src/components/ProbeStatus';
import { describeDuration, formatAge, formatCountdown, formatDayRange } from '../../renderer/src/format/time';
import {
  cycleLeftText,
  cycleUsedText,
  forecastSentence,
  riskSentence,
  safeBudgetText,
} from '../../renderer/src/format/forecast';
import { sourceLabel } from '../../renderer/src/format/source';
import { cycle, NOW } from './support/fixtures';

const fmt = createFmt('en-GB', 'UTC');
const at = (iso: string) => Date.parse(iso);
/** Intl puts thin and narrow no-break spaces around range dashes; compare as plain spaces. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('countdowns', () => {
  it('reads as a clock with a stable shape per magnitude', () => {
    expect(formatCountdown(42_000)).toBe('0:42');
    expect(formatCountdown(40 * 60_000)).toBe('40:00');
    expect(formatCountdown(3 * 3_600_000 + 5 * 60_000 + 9_000)).toBe('3:05:09');
    expect(formatCountdown(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 04 h');
  });

  it('rounds up so it never shows 0:00 before the moment, and never shows a negative', () => {
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(Number.NaN)).toBe('0:00');
  });

  it('has a spoken form', () => {
    expect(describeDuration(12 * 60_000 + 34_000)).toBe('12 minutes 34 seconds');
    expect(describeDuration(86_400_000 + 60_000)).toBe('1 day 1 minute');
  });
});

describe('numbers', () => {
  it('groups digits in the locale and shows a dash, never NaN, for unknowns', () => {
    expect(formatCount(fmt, 10_000)).toBe('10,000');
    expect(formatCount(fmt, null)).toBe('–');
    expect(formatCount(fmt, Number.NaN)).toBe('–');
    expect(formatCount(createFmt('de-DE', 'UTC'), 10_000)).toBe('10.000');
  });

  it('never rounds a little left to 0 % or a little used to 100 %', () => {
    expect(formatShare(fmt, 0.002)).toBe('1%');
    expect(formatShare(fmt, 0.998)).toBe('99%');
    expect(formatShare(fmt, 1)).toBe('100%');
    expect(formatShare(fmt, 0)).toBe('0%');
  });
});

describe('ages and provenance', () => {
  it('says how old an observation is', () => {
    expect(formatAge(fmt, 10_000)).toBe('now');
    expect(formatAge(fmt, 2 * 60_000)).toBe('2 min ago');
    expect(formatAge(fmt, 3 * 3_600_000)).toBe('3 hr ago');
  });

  it('labels figures observed, estimated, from the plan, or yours', () => {
    expect(sourceLabel(fmt, 'header', 120_000)).toBe('observed 2 min ago');
    expect(sourceLabel(fmt, 'breach', 0)).toBe('observed now');
    expect(sourceLabel(fmt, 'estimate', 120_000)).toBe('estimated');
    expect(sourceLabel(fmt, 'plan', null)).toBe('plan');
    expect(sourceLabel(fmt, 'user', 3 * 3_600_000)).toBe('your reading 3 hr ago');
  });
});

describe('the billing cycle in words', () => {
  it('gives used with its band, and what is left', () => {
    const c = cycle();
    expect(cycleUsedText(fmt, c)).toBe('≈ 6,200 of 10,000 used (5,900–6,600)');
    expect(cycleLeftText(fmt, c)).toBe('3,800 left');
  });

  it('drops the ≈ and the band for an exact figure (a dashboard reading just taken)', () => {
    const c = cycle();
    const exact = cycle({
      estimate: { ...c.estimate!, low: 7000, used: 7000, high: 7000, basis: 'dashboard' },
    });
    expect(cycleUsedText(fmt, exact)).toBe('7,000 of 10,000 used');
  });

  it('says when it runs out, with the chance and the run-out range the header gives', () => {
    const s = forecastSentence(fmt, cycle(), NOW);
    expect(plain(s.text)).toBe('Runs out about 29 Nov · 72% chance to run out, between 27 Nov and 3 Dec');
    expect(s.tone).toBe('warning');
  });

  it('gives the range of the futures that run out, not the interval over all of them', () => {
    // The forecast's 80 % interval is open (some futures last to renewal); when it runs out if it does
    // is 28 Nov - 2 Dec. The card used to say "(80%: 27 Nov – after renewal)" while the header said
    // "between 28 Nov and 2 Dec".
    const c = cycle();
    const open = cycle({
      forecast: {
        ...c.forecast!,
        high: null,
        whenRunsOut: { low: Date.parse('2026-11-28T09:00:00Z'), high: Date.parse('2026-12-02T18:00:00Z') },
      },
    });
    const text = plain(forecastSentence(fmt, open, NOW).text);
    expect(text).toBe('Runs out about 29 Nov · 72% chance to run out, between 28 Nov and 2 Dec');
    expect(text.endsWith(plain(riskSentence(fmt, open, NOW) ?? 'none'))).toBe(true);
  });

  it('falls back to the 80 % interval when the forecast gives no probability', () => {
    const c = cycle();
    const noP = cycle({ forecast: { ...c.forecast!, high: null, probabilityRunOut: null } });
    expect(plain(forecastSentence(fmt, noP, NOW).text)).toBe(
      'Runs out about 29 Nov (80%: 27 Nov – after renewal)',
    );
  });

  it('spells out a risk of 20 % or more instead of "lasts", with the 80 % range of the run-out day', () => {
    const c = cycle();
    const risky = cycle({
      forecast: {
        ...c.forecast!,
        runOutAt: null,
        high: null,
        probabilityRunOut: 0.39,
        projectedAtCycleEnd: 9_600,
      },
    });
    const s = forecastSentence(fmt, risky, NOW);
    expect(plain(s.text)).toBe('39% chance to run out, between 27 Nov and renewal');
    expect(s.tone).toBe('warning');
    // A closed range names both days; below 20 % the reassurance stays.
    const closed = cycle({ forecast: { ...risky.forecast!, high: Date.parse('2026-12-03T12:00:00Z') } });
    expect(plain(forecastSentence(fmt, closed, NOW).text)).toBe(
      '39% chance to run out, between 27 Nov and 3 Dec',
    );
    const calm = cycle({ forecast: { ...risky.forecast!, probabilityRunOut: 0.19 } });
    expect(plain(forecastSentence(fmt, calm, NOW).text)).toBe('Lasts to renewal with about 4% left');
  });

  it('shows an exact reading without "≈", and never "used up" while the limit is in doubt', () => {
    const c = cycle();
    const read = cycle({
      estimate: { ...c.estimate!, basis: 'dashboard', used: 12_500, low: 12_500, high: 12_500.4 },
      limitInDoubt: true,
    });
    expect(cycleUsedText(fmt, read)).toBe('12,500 of 10,000 used');
    const s = forecastSentence(fmt, read, NOW);
    expect(s.text).not.toMatch(/used up/);
    expect(s.tone).toBe('unknown');
  });

  it('drops the ≈ when the band is narrower than one call', () => {
    const c = cycle();
    const exact = cycle({ estimate: { ...c.estimate!, low: 3_944, used: 3_944.4, high: 3_944.6 } });
    expect(cycleUsedText(fmt, exact)).toBe('3,944 of 10,000 used');
  });

  it('says it lasts to renewal and with how much left', () => {
    const c = cycle();
    const lasts = cycle({
      forecast: {
        ...c.forecast!,
        runOutAt: null,
        low: null,
        high: null,
        probabilityRunOut: 0.04,
        projectedAtCycleEnd: 7700,
      },
    });
    expect(forecastSentence(fmt, lasts, NOW)).toEqual({
      text: 'Lasts to renewal with about 23% left',
      tone: 'ok',
    });
  });

  it('is honest when there is not enough data, no limit, or the quota is gone', () => {
    const c = cycle();
    expect(
      forecastSentence(fmt, cycle({ forecast: { ...c.forecast!, status: 'insufficient-data' } }), NOW).tone,
    ).toBe('unknown');
    expect(forecastSentence(fmt, cycle({ limit: null }), NOW).text).toMatch(/No cycle limit known/);
    const gone = cycle({ estimate: { ...c.estimate!, used: 10_000, low: 10_000, high: 10_000 } });
    expect(forecastSentence(fmt, gone, NOW)).toEqual({
      text: 'Cycle quota used up; renews 1 Dec',
      tone: 'critical',
    });
  });

  it('does not call the quota used up when only the estimate reached the limit', () => {
    // First-cycle bench: the estimate at 10,000 (9,892-10,000) for a cycle then at 9,726 whose calls
    // were still answered. A refused call (a breach) proves it; the middle of a band does not.
    const c = cycle();
    const atLimit = cycle({ estimate: { ...c.estimate!, used: 10_000, low: 9_892, high: 10_000 } });
    expect(forecastSentence(fmt, atLimit, NOW)).toEqual({
      text: 'Likely used up, no call refused yet; renews 1 Dec',
      tone: 'warning',
    });
    const refused = cycle({ estimate: { ...atLimit.estimate!, basis: 'breach' } });
    expect(forecastSentence(fmt, refused, NOW).text).toBe('Cycle quota used up; renews 1 Dec');
  });

  it('gives the safe daily pace', () => {
    expect(safeBudgetText(fmt, cycle())).toBe('Safe pace 494 / day');
    const c = cycle();
    expect(safeBudgetText(fmt, cycle({ forecast: { ...c.forecast!, safeDailyBudget: null } }))).toBeNull();
  });

  it('gives no "Safe pace 0 / day" when nothing is left, and no 0 when under one call a day is', () => {
    const c = cycle();
    const gone = cycle({
      estimate: { ...c.estimate!, used: 10_000, low: 10_000, high: 10_000 },
      forecast: { ...c.forecast!, safeDailyBudget: 0 },
    });
    expect(safeBudgetText(fmt, gone)).toBeNull();
    expect(safeBudgetText(fmt, cycle({ forecast: { ...c.forecast!, safeDailyBudget: 0.3 } }))).toBe(
      'Safe pace under 1 call / day',
    );
  });

  it('counts with the right noun: 1 call, 2 calls', () => {
    expect(countOf(fmt, 1, 'call')).toBe('1 call');
    expect(countOf(fmt, 1_000, 'call')).toBe('1,000 calls');
  });

  it('marks a probe that was not sent neither as passed nor as failed', () => {
    const p = { at: NOW, message: 'deferred: budget', status: null, latencyMs: null, manual: false };
    expect(probeShort({ ...p, outcome: 'deferred' })).toEqual({ ok: null, text: 'not sent' });
    expect(probeShort({ ...p, outcome: 'ok' }).ok).toBe(true);
  });

  it('formats day ranges compactly', () => {
    expect(plain(formatDayRange(fmt, at('2026-12-12T10:00:00Z'), at('2026-12-17T10:00:00Z')))).toBe(
      '12 – 17 Dec',
    );
  });
});
