// One passively seen answer (proxied or ingested) into what counting needs, through the same parser
// the probes use. Only the status, the quota headers and the path's shape are kept: never a body,
// never a credential.
import { parseResponse } from '../parse';
import type { RawHeaders } from '../headers/header-bag';
import type { ParseHints } from '../providers/profile';
import type { CustomHeaderSpec } from '../providers/custom';
import type { ParseResult } from '../quota/model';
import { billingOf, windowOf, type PassiveAnswer } from './counting';

export interface RawPassive {
  sentAt: number;
  at: number;
  status: number;
  headers: RawHeaders;
  /** Request path (query ignored), for the plan's billing rules; '' when unknown. */
  path: string;
}

export interface PassiveParse {
  /** Provider id for the billing rules (voucherify, zoho, generic). */
  provider: string;
  /** Parser profile: a provider id, auto or custom. */
  profile: string;
  hints?: ParseHints;
  custom?: CustomHeaderSpec;
}

export function readPassive(
  raw: RawPassive,
  how: PassiveParse,
): { answer: PassiveAnswer; result: ParseResult } {
  const result = parseResponse(
    { status: raw.status, headers: raw.headers },
    {
      provider: how.profile,
      now: raw.at,
      ...(how.hints ? { hints: how.hints } : {}),
      ...(how.custom ? { custom: how.custom } : {}),
    },
  );
  const billing = billingOf(how.provider, raw.status, raw.path);
  const w = result.windows.find((x) => x.kind === 'requests-hour' || x.kind === 'requests-minute');
  const window =
    w && billing === 'cycle' && !result.blocked
      ? windowOf(
          { limit: w.limit, remaining: w.remaining, resetAt: w.resetAt, periodMs: w.periodMs },
          raw.at,
          how.hints?.requestPeriodMs,
        )
      : null;
  return {
    answer: { sentAt: Math.min(raw.sentAt, raw.at), at: raw.at, status: raw.status, billing, window },
    result,
  };
}
