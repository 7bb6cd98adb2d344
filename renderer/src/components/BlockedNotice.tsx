// The key is refused by the provider: which limit, and when a request may be made again.
import type { WindowView } from '../../../electron/core/quota/model';
import type { KeyView } from '../../../electron/ipc/contract';
import { Countdown } from './Countdown';

interface Props {
  blocked: NonNullable<KeyView['blocked']>;
  windows: readonly WindowView[];
}

/** Voucherify's limit types, in words; other providers' types are shown as they come. */
const LIMIT_WORDS: Record<string, string> = {
  api_calls: 'request limit',
  bulk_api_calls: 'bulk request limit',
  api_calls_cycle: 'billing-cycle limit',
  webhook_calls: 'webhook limit',
};

export function limitName(blocked: Props['blocked'], windows: readonly WindowView[]): string {
  const w = windows.find((x) => x.id === blocked.windowId);
  if (blocked.type === 'api_calls' && w) return `${w.label.toLowerCase()} limit`;
  return LIMIT_WORDS[blocked.type] ?? (w ? `${w.label.toLowerCase()} limit` : `limit "${blocked.type}"`);
}

export function BlockedNotice({ blocked, windows }: Props) {
  return (
    <div
      className="notice notice-line"
      data-tone="critical"
      data-testid="blocked"
      title={`Limit type: ${blocked.type}`}
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
