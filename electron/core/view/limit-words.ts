// The provider's name for a limit (Voucherify's X-Rate-Limit-Type: api_calls, api_calls_cycle...) in
// words a user reads in a notification, the tray menu or the card; never the internal identifier.
const LIMIT_WORDS: Record<string, string> = {
  api_calls: 'request limit',
  bulk_api_calls: 'bulk request limit',
  api_calls_cycle: 'billing-cycle quota',
  webhook_calls: 'webhook limit',
  plan_exceeded: 'plan limit',
  rate_limit: 'rate limit',
};

/** "request limit", "billing-cycle quota"; an unknown type as "limit “x”". */
export function limitWord(type: string): string {
  return LIMIT_WORDS[type] ?? `limit “${type.slice(0, 40)}”`;
}

// What a block means, as a phrase: "billing-cycle quota used up", "request limit reached".
const BLOCK_PHRASES: Record<string, string> = {
  api_calls_cycle: 'billing-cycle quota used up',
  plan_exceeded: 'plan exceeded or subscription ended',
};

/** "request limit reached", "billing-cycle quota used up"; never the provider's identifier alone. */
export function blockPhrase(type: string): string {
  return BLOCK_PHRASES[type] ?? `${limitWord(type)} reached`;
}

/** The first letter in upper case, for a phrase that starts a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
