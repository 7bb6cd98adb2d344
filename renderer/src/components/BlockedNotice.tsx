// The key is refused by the provider: which limit, and when a request may be made again.
import type { WindowView } from '../../../electron/core/quota/model';
import type { KeyView } from '../../../electron/ipc/contract';
import { limitWord } from '../../../electron/core/view/limit-words';
import { Countdown } from './Countdown';

const KNOWN = new Set(['api_calls', 'bulk_api_calls', 'api_calls_cycle', 'webhook_calls', 'plan_exceeded']);

interface Props {
  blocked: NonNullable<KeyView['blocked']>;
  windows: readonly WindowView[];
}

/** The limit in words: the window's own label when the block names one, else the provider's type in words. */
export function limitName(blocked: Props['blocked'], windows: readonly WindowView[]): string {
  const w = windows.find((x) => x.id === blocked.windowId);
  if (blocked.type === 'api_calls' && w) return `${w.label.toLowerCase()} limit`;
  if (blocked.type === 'api_calls_cycle') return 'billing-cycle quota';
  return w && !KNOWN.has(blocked.type) ? `${w.label.toLowerCase()} limit` : limitWord(blocked.type);
}

export function BlockedNotice({ blocked, windows }: Props) {
  return (
    <div
      className="notice notice-line"
      data-tone="critical"
      data-testid="blocked"
    >
      <span className="notice-text">
        <strong>Blocked</strong> · {limitName(blocked, windows)}
      </span>
      <span className="slot">
        {blocked.retryAt !== null ? (
          <Countdown at={blocked.retryAt} prefix="retry in" due="retry due" />
        ) : (
          'retry time not given'
        )}
      </span>
    </div>
  );
}
