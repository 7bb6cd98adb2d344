// What a card shows when expanded: the other windows, where the figures come from, the monitor's
// own spend, the last and next probe, the credentials (masked) and thresholds.
import type { KeyView } from '../../../electron/ipc/contract';
import { useFmt } from '../app/fmt';
import { useNow } from '../app/now';
import { riskText } from '../format/forecast';
import { countOf, formatCount, formatShare } from '../format/numbers';
import { basisLabel } from '../format/source';
import { formatAge, formatDateTime, formatDayRange, formatWhen } from '../format/time';
import { WindowRow } from './WindowRow';
import type { WindowView } from '../../../electron/core/quota/model';

interface Props {
  k: KeyView;
  others: readonly WindowView[];
}

export function KeyDetails({ k, others }: Props) {
  const fmt = useFmt();
  const now = useNow();
  const c = k.cycle;
  const risk = c ? riskText(fmt, c) : null;
  const rows: [string, string][] = [];
  rows.push(['Key', k.maskedCredentials]);
  rows.push(['Where', k.location]);
  if (k.planName) rows.push(['Plan', k.planName]);
  if (c) {
    rows.push([
      'Cycle',
      `${formatDayRange(fmt, c.start, c.end)}, limit ${
        c.limit === null
          ? 'unknown'
          : `${formatCount(fmt, c.limit)} (${c.limitSource === 'user' ? 'yours' : 'plan'})`
      }`,
    ]);
    if (c.estimate) {
      // What the estimate cannot know, in the estimator's words (e.g. the days before monitoring began).
      const notes = (c.estimate.notes ?? []).map((n) => n.charAt(0).toUpperCase() + n.slice(1));
      rows.push(['Estimate', [basisLabel(c.estimate.basis), ...notes].join('. ')]);
    }
    if (c.lastReading)
      rows.push([
        'Your reading',
        `${formatCount(fmt, c.lastReading.used)} used, ${formatDateTime(fmt, c.lastReading.at)}`,
      ]);
    if (risk) rows.push(['Risk', risk]);
    // Why there is no forecast yet, in the forecaster's words (e.g. how many hours it still needs).
    if (c.forecast?.status === 'insufficient-data' && c.forecast.reason)
      rows.push(['Forecast', c.forecast.reason]);
  }
  rows.push([
    'Monitoring',
    `${
      k.monitor.budgetCalls !== null
        ? `${formatCount(fmt, k.monitor.callsThisCycle)} of ${countOf(fmt, k.monitor.budgetCalls, 'call')} allowed this cycle`
        : `${countOf(fmt, k.monitor.callsThisCycle, 'call')} this cycle`
    }${k.provider === 'zoho' ? ' (1 credit each; OAuth token refreshes are not API credits)' : ''}`,
  ]);
  if (k.lastProbe)
    rows.push([
      'Last probe',
      `${formatAge(fmt, now - k.lastProbe.at)}: ${k.lastProbe.message}${
        k.lastProbe.latencyMs !== null ? ` (${formatCount(fmt, k.lastProbe.latencyMs)} ms)` : ''
      }`,
    ]);
  if (k.nextProbe)
    rows.push(['Next probe', `${formatWhen(fmt, k.nextProbe.at, now)}, ${k.nextProbe.reason}`]);
  rows.push(['Alerts at', `${k.thresholds.map((t) => formatShare(fmt, t / 100)).join(', ')} used`]);

  return (
    <div className="details" data-testid="details">
      {others.map((w) => (
        <WindowRow key={w.id} window={w} thresholds={k.thresholds} />
      ))}
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
