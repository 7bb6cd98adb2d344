// One quota window: its name and provenance, remaining / limit, a gauge and a live countdown to reset.
import type { WindowView } from '../../../electron/core/quota/model';
import { useFmt } from '../app/fmt';
import { formatCount } from '../format/numbers';
import { shareLeft, windowTone } from '../select/windows';
import { Countdown } from './Countdown';
import { Gauge } from './Gauge';
import { SourceBadge } from './SourceBadge';

interface Props {
  window: WindowView;
  thresholds: readonly number[];
  /** Set when a 429 holds this window: the row says so and counts down to the retry instead. */
  block?: { retryAt: number | null } | null;
}

export function WindowRow({ window: w, thresholds, block = null }: Props) {
  const fmt = useFmt();
  const left = shareLeft(w);
  const remaining = w.remaining ?? (w.limit !== null && w.used !== null ? w.limit - w.used : null);
  const figure =
    remaining === null
      ? w.limit === null
        ? 'limit unknown'
        : `limit ${formatCount(fmt, w.limit)}`
      : w.limit === null
        ? `${formatCount(fmt, remaining)} left`
        : `${formatCount(fmt, remaining)} / ${formatCount(fmt, w.limit)} left`;
  // A window known only by its plan limit has nothing to gauge: one line says so.
  if (remaining === null)
    return (
      <div className="window" data-testid={`window-${w.id}`}>
        <div className="window-line">
          <span className="window-label">{w.label}</span>
          <SourceBadge source={w.source} observedAt={w.observedAt} stale={w.stale} />
          <span className="window-figure">{figure}</span>
        </div>
      </div>
    );
  return (
    <div
      className="window"
      data-testid={`window-${w.id}`}
      data-stale={w.stale || undefined}
      data-blocked={block ? true : undefined}
    >
      <div className="window-line">
        <span className="window-label">{w.label}</span>
        {block ? (
          <span className="badge-blocked">limit reached</span>
        ) : (
          <SourceBadge source={w.source} observedAt={w.observedAt} stale={w.stale} />
        )}
        {w.flag && (
          <span className="flag" title={w.flag}>
            <span aria-hidden="true">!</span>
            <span className="sr-only">Doubtful figure: {w.flag}</span>
          </span>
        )}
        <span className="window-figure">{figure}</span>
      </div>
      <div className="window-line">
        <Gauge label={w.label} left={left} tone={windowTone(w, thresholds)} valueText={figure} />
        <span className="slot">
          {block ? (
            block.retryAt !== null ? (
              <Countdown at={block.retryAt} prefix="retry in" due="retry due" />
            ) : (
              'retry time unknown'
            )
          ) : (
            w.resetAt !== null && <Countdown at={w.resetAt} prefix="resets in" due="reset due" />
          )}
        </span>
      </div>
    </div>
  );
}
