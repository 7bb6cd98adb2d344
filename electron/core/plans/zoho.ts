// Zoho CRM editions (zoho.com/crm/developer/docs/api/v4/api-limits.html; DESIGN.md section 3):
// credits per rolling 24 hours per org, a base plus a share per user licence, up to a cap.
import { PERIOD_MS } from '../quota/model';
import type { Plan } from './plan';

interface Edition {
  name: string;
  base: number;
  perUser: number;
  /** null: the docs give no cap. */
  cap: number | null;
  /** Calls the org may have in flight at once (a separate limit; exceeding it also answers 429). */
  concurrency: number;
}

const EDITIONS = {
  free: { name: 'Free', base: 5_000, perUser: 0, cap: 5_000, concurrency: 5 },
  standard: { name: 'Standard', base: 50_000, perUser: 250, cap: 100_000, concurrency: 10 },
  professional: { name: 'Professional', base: 50_000, perUser: 500, cap: 3_000_000, concurrency: 15 },
  enterprise: { name: 'Enterprise', base: 50_000, perUser: 1_000, cap: 5_000_000, concurrency: 20 },
  ultimate: { name: 'Ultimate', base: 50_000, perUser: 2_000, cap: null, concurrency: 25 },
} as const satisfies Record<string, Edition>;

/** Zoho's concurrency cap for an edition (calls in flight at once, per org). */
export function zohoConcurrency(edition: ZohoEditionId): number {
  return EDITIONS[edition].concurrency;
}

export function zohoEditionName(edition: ZohoEditionId): string {
  return EDITIONS[edition].name;
}

export const ZOHO_EDITION_IDS = Object.keys(EDITIONS) as (keyof typeof EDITIONS)[];
export type ZohoEditionId = keyof typeof EDITIONS;

/** Credits a day for an edition and a number of user licences, capped as Zoho documents. */
export function zohoCredits(edition: ZohoEditionId, users: number): number {
  const e: Edition = EDITIONS[edition];
  const raw = e.base + e.perUser * Math.max(0, Math.floor(users));
  return e.cap === null ? raw : Math.min(raw, e.cap);
}

export function zohoPlan(edition: ZohoEditionId, users: number): Plan {
  return {
    provider: 'zoho',
    id: edition,
    name: `${EDITIONS[edition].name}, ${users} user${users === 1 ? '' : 's'}`,
    windows: [
      {
        id: 'credits',
        kind: 'rolling-24h',
        unit: 'credits',
        limit: zohoCredits(edition, users),
        periodMs: PERIOD_MS.day,
      },
    ],
    source: 'zoho.com/crm/developer/docs/api/v4/api-limits.html',
  };
}
