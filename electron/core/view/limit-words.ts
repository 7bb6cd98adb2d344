// The provider's name for a limit (Voucherify's X-Rate-Limit-Type: api_calls, api_calls_cycle...) in
// words a user reads in a notification, the tray menu or the card; never the internal identifier.
const LIMIT_WORDS: Record<string, string> = {
  api_calls: 'request limit',
  bulk_api_calls: 'bulk request limit',
  api_calls_cycle: 'billing-cycle quota',
  webhook_calls: 'webhook limit',
  plan_exceeded: 'plan limit',
};

/** "request limit", "billing-cycle quota"; an unknown type as "limit “x”". */
export function limitWord(type: string): string {
  return LIMIT_WORDS[type] ?? `limit “${type.slice(0, 40)}”`;
}
