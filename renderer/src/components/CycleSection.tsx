// The billing cycle: used / left with its 80 % band, the forecast sentence, the safe daily pace and a
// sparkline of usage with the forecast cone. Says what the estimate rests on and how old it is.
import type { CycleView } from '../../../electron/ipc/contract';
import { useFmt } from '../app/fmt';
import { cycleLeftText, cycleUsedText, forecastSentence, safeBudgetText } from '../format/forecast';
import { formatCount } from '../format/numbers';
import { formatDay } from '../format/time';
import { toneForUsed } from '../select/windows';
import { Gauge } from './Gauge';
import { SourceBadge } from './SourceBadge';
import { Sparkline } from './Sparkline';

interface Props {
  cycle: CycleView;
  thresholds: readonly number[];
  /** The key's last probe failed: a forecast would only wait for data that is not coming. */
  failing?: boolean;
  /** Opens the dashboard-reading form (the fix for an unanchored estimate). */
  onReading?: () => void;
}

export function CycleSection({ cycle, thresholds, failing = false, onReading }: Props) {
  const fmt = useFmt();
  // An estimate resting on nothing (no probe, no reading yet) is shown as unknown, not as "≈ 0".
  const e = cycle.estimate?.basis === 'none' ? null : cycle.estimate;
  // The figures describe the estimate's moment, not the ticking clock: the sentence changes only
  // when the service sends a new estimate, so the card never reflows on a tick.
  const at = cycle.estimate?.at ?? cycle.start;
  const limit = cycle.limit;
  const shareLeft = (used: number) => (limit ? 1 - Math.min(1, used / limit) : 0);
  const left = e && limit ? shareLeft(e.used) : null;
  const band = e && limit && e.low !== e.high ? { low: shareLeft(e.high), high: shareLeft(e.low) } : null;
  const used = cycleUsedText(fmt, cycle);
  const leftText = cycleLeftText(fmt, cycle);
  const forecast = forecastSentence(fmt, cycle, at);
  const budget = safeBudgetText(fmt, cycle);
  const reading = e?.basis === 'dashboard' && cycle.lastReading;
  const showSpark = cycle.history.length > 1 || cycle.cone.length > 1;
  const valueText = [used, leftText].filter(Boolean).join(', ') || 'usage unknown';
  const sparkLabel = `Cycle usage${e ? `: ${formatCount(fmt, e.used)} so far` : ''}${
    cycle.forecast?.projectedAtCycleEnd != null
      ? `, about ${formatCount(fmt, cycle.forecast.projectedAtCycleEnd)} expected by renewal`
      : ''
  }${limit !== null ? ` against a limit of ${formatCount(fmt, limit)}` : ''}`;

  return (
    <div className="cycle" data-testid="cycle">
      <div className="window-line">
        <span className="window-label">Billing cycle</span>
        {reading ? (
          <SourceBadge source="user" observedAt={reading.at} />
        ) : (
          <SourceBadge source={e ? 'estimate' : 'plan'} observedAt={null} />
        )}
        <span className="window-figure">renews {formatDay(fmt, cycle.end)}</span>
      </div>
      <Gauge
        label="Billing cycle"
        left={left}
        band={band}
        tone={e && !cycle.limitInDoubt ? toneForUsed(limit ? e.used / limit : null, thresholds) : 'unknown'}
        valueText={valueText}
      />
      <p className="cycle-used">
        {used ?? `Usage not known yet${limit !== null ? ` · limit ${formatCount(fmt, limit)}` : ''}`}
        {leftText && <span className="muted"> · {leftText}</span>}
      </p>
      {!(failing && forecast.tone === 'unknown') && (
        <p className="forecast" data-tone={forecast.tone} data-testid="forecast">
          {forecast.text}
        </p>
      )}
      {e && cycle.anchored === false && bandMatters(e, limit) && (
        <p className="notice small" data-testid="unanchored">
          {/* Short: it shares the card with the figures. The whole story is in the title and the README. */}
          <span title="Usage before monitoring began is inferred, so only the low end of the range raises alerts until a reading pins it.">
            Early usage is inferred.
          </span>{' '}
          {onReading ? (
            <button type="button" className="link" onClick={onReading}>
              Enter the figure
            </button>
          ) : (
            'Enter the figure'
          )}{' '}
          from{' '}
          {cycle.dashboardUrl ? (
            <a href={cycle.dashboardUrl} target="_blank" rel="noreferrer">
              your dashboard
            </a>
          ) : (
            'your dashboard'
          )}{' '}
          (free).
        </p>
      )}
      {(budget || showSpark) && (
        <div className="cycle-foot">
          <span className="budget">{budget ?? ''}</span>
          {showSpark && <Sparkline cycle={cycle} now={at} label={sparkLabel} />}
        </div>
      )}
    </div>
  );
}

/**
 * The dashboard reading is offered as the fix only while the inferred band is wide enough to matter
 * (a twentieth of the quota): a key seen from near its cycle's start has little to infer, and a note
 * on every card would push the others out of the popover.
 */
function bandMatters(e: { low: number; high: number }, limit: number | null): boolean {
  return limit ? e.high - e.low >= 0.05 * limit : e.high > e.low;
}
