// The top of the popover: overall status and the worst key's headline, what monitoring has spent
// this cycle, and the app-wide actions (probe all, add a key, snooze, settings, pin).
import { useState } from 'react';
import type { AppState } from '../../../electron/ipc/contract';
import { useAnnounce } from '../app/announcer';
import { riskWords } from '../../../electron/core/insight/risk';
import { quietUntil } from '../../../electron/core/text/quiet-hours';
import { worstLineKeyId } from '../../../electron/core/view/riskiest';
import { useFmt } from '../app/fmt';
import { useNow } from '../app/now';
import { useApi } from '../api';
import { countOf, formatCount } from '../format/numbers';
import { overallWord } from '../format/status';
import { formatWhen } from '../format/time';
import { BellOffIcon, GearIcon, PinIcon, PlusIcon, RefreshIcon } from './icons';
import { SnoozeMenu } from './SnoozeMenu';

interface Props {
  state: AppState;
  pinned: boolean;
  onPin: (pinned: boolean) => void;
  onAdd: () => void;
  onSettings: () => void;
  onShowKey: (keyId: string) => void;
}

/**
 * Alerts held back, on a line of its own so it is never cut off: a snooze, or quiet hours (which the
 * user may have set long ago and forgotten) with the moment alerts resume.
 */
function AlertsHeld({ state }: { state: AppState }) {
  const fmt = useFmt();
  const now = useNow();
  let text: string | null = null;
  if (state.snooze.indefinite) text = 'Alerts snoozed until you resume them';
  else if (state.snooze.until !== null && state.snooze.until > now)
    text = `Alerts snoozed until ${formatWhen(fmt, state.snooze.until, now)}`;
  else {
    const quiet = quietUntil(state.settings.notifications.quietHours, now, fmt.timeZone);
    if (quiet !== null) text = `Quiet hours: alerts held until ${formatWhen(fmt, quiet, now)}`;
  }
  if (text === null) return null;
  return (
    <p className="top-line muted" data-testid="alerts-held">
      <BellOffIcon /> {text}
    </p>
  );
}

export function Header({ state, pinned, onPin, onAdd, onSettings, onShowKey }: Props) {
  const api = useApi();
  const fmt = useFmt();
  const announce = useAnnounce();
  const [requested, setRequested] = useState(false);
  const probingAll = requested || state.keys.some((k) => k.probing);
  // The same rule the service used to decide whether the risk line repeats this line (riskiest.ts).
  const worstLineId = worstLineKeyId(state.keys, state.worstKeyId);
  const worst = state.keys.find((k) => k.id === worstLineId) ?? null;
  const m = state.monitoring;
  // The riskiest key (from a 20 % chance of running out) is the service's choice; its words come from
  // the card's own sentence (risk.ts) in the page's locale, so the header and the card read the same.
  const risky = state.riskiest;

  const probeAll = async () => {
    if (probingAll) return;
    setRequested(true);
    announce(`Probing ${state.keys.length === 1 ? 'the key' : `all ${state.keys.length} keys`}…`);
    try {
      await api.probeNow(null);
    } catch (e) {
      announce(`Probe failed to start: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRequested(false);
    }
  };

  return (
    <header className="top">
      <div className="top-row">
        <span className="dot" data-tone={state.keys.length ? state.status : 'stale'} aria-hidden="true" />
        <h1 className="top-title" tabIndex={-1}>
          {overallWord(state.status, state.keys.length)}
        </h1>
        <div className="top-actions">
          {state.keys.length > 0 && (
            <button
              type="button"
              className="icon-button"
              onClick={probeAll}
              aria-label={probingAll ? 'Probing all keys' : 'Probe all keys now'}
              title="Probe all keys now"
              aria-disabled={probingAll || undefined}
              data-busy={probingAll || undefined}
            >
              <RefreshIcon />
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            onClick={onAdd}
            aria-label="Add a key"
            title="Add a key"
          >
            <PlusIcon />
          </button>
          <SnoozeMenu snooze={state.snooze} />
          <button
            type="button"
            className="icon-button"
            onClick={onSettings}
            aria-label="Settings"
            title="Settings"
          >
            <GearIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-pressed={pinned}
            aria-label="Keep open"
            title="Keep the popover open"
            onClick={() => onPin(!pinned)}
          >
            <PinIcon />
          </button>
        </div>
      </div>
      {worst && (
        <p className="top-line" data-testid="worst">
          <button type="button" className="link worst-link" onClick={() => onShowKey(worst.id)}>
            {worst.name}
          </button>
          : {worst.headline}
        </p>
      )}
      {risky && (
        <p className="top-line" data-testid="risk">
          <button type="button" className="link worst-link" onClick={() => onShowKey(risky.keyId)}>
            {risky.name}
          </button>
          : {riskWords(fmt, risky)}
        </p>
      )}
      {state.keys.length > 0 && (
        <p className="top-line muted" data-testid="monitoring">
          Monitoring spent{' '}
          {m.budgetCalls !== null
            ? `${formatCount(fmt, m.callsThisCycle)} of ${countOf(fmt, m.budgetCalls, 'call')}`
            : countOf(fmt, m.callsThisCycle, 'call')}{' '}
          this cycle
          {/* Budgets are per key and per cycle: the line is the busiest key's, named when there are several. */}
          {m.keyName !== null ? ` (${m.keyName}, the most of its budget)` : ''}
        </p>
      )}
      <AlertsHeld state={state} />
    </header>
  );
}
