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
}

const EDITIONS = {
  free: { name: 'Free', base: 5_000, perUser: 0, cap: 5_000 },
  standard: { name: 'Standard', base: 50_000, perUser: 250, cap: 100_000 },
  professional: { name: 'Professional', base: 50_000, perUser: 500, cap: 3_000_000 },
  enterprise: { name: 'Enterprise', base: 50_000, perUser: 1_000, cap: 5_000_000 },
  ultimate: { name: 'Ultimate', base: 50_000, perUser: 2_000, cap: null },
} as const satisfies Record<string, Edition>;

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
