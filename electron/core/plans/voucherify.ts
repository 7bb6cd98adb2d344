// Voucherify's plans (seed 001 and docs.voucherify.io/docs/limits; DESIGN.md section 2).
import { z } from 'zod';
import { PERIOD_MS } from '../quota/model';
import type { Plan, PlanWindow } from './plan';

const SOURCE = 'Voucherify pricing and docs.voucherify.io/docs/limits';

interface Figures {
  name: string;
  period: 'hour' | 'minute';
  requests: number;
  bulk: number | null;
  cycle: number | null;
  webhooksPerDay: number | null;
}

// First generation (hourly), the newer per-minute plans, and the sandbox project.
const FIGURES = {
  free: { name: 'Free', period: 'hour', requests: 100, bulk: 1, cycle: 500, webhooksPerDay: 7_200 },
  startup: {
    name: 'Startup',
    period: 'hour',
    requests: 1_000,
    bulk: 10,
    cycle: 10_000,
    webhooksPerDay: 21_600,
  },
  growth: {
    name: 'Growth',
    period: 'hour',
    requests: 2_000,
    bulk: 20,
    cycle: 30_000,
    webhooksPerDay: 50_400,
  },
  professional: {
    name: 'Professional',
    period: 'hour',
    requests: 5_000,
    bulk: 50,
    cycle: 100_000,
    webhooksPerDay: 122_400,
  },
  business: {
    name: 'Business',
    period: 'minute',
    requests: 100,
    bulk: null,
    cycle: 100_000,
    webhooksPerDay: null,
  },
  organization: {
    name: 'Organization',
    period: 'minute',
    requests: 2_000,
    bulk: null,
    cycle: 300_000,
    webhooksPerDay: null,
  },
  sandbox: {
    name: 'Sandbox project',
    period: 'hour',
    requests: 100,
    bulk: null,
    cycle: null,
    webhooksPerDay: null,
  },
} as const satisfies Record<string, Figures>;

export const VOUCHERIFY_PLAN_IDS = [
  ...(Object.keys(FIGURES) as (keyof typeof FIGURES)[]),
  'enterprise',
] as const;
export type VoucherifyPlanId = (typeof VOUCHERIFY_PLAN_IDS)[number];

/** Enterprise limits are custom, per hour or per minute; bulk is always hourly. */
export const voucherifyEnterpriseSchema = z.object({
  period: z.enum(['hour', 'minute']),
  requests: z.number().int().positive(),
  bulk: z.number().int().nonnegative().nullable(),
  cycle: z.number().int().positive().nullable(),
  webhooksPerDay: z.number().int().nonnegative().nullable(),
});
export type VoucherifyEnterprise = z.infer<typeof voucherifyEnterpriseSchema>;

function windowsOf(f: Omit<Figures, 'name'>): PlanWindow[] {
  const windows: PlanWindow[] = [
    {
      id: 'api_calls',
      kind: f.period === 'minute' ? 'requests-minute' : 'requests-hour',
      unit: 'requests',
      limit: f.requests,
      periodMs: PERIOD_MS[f.period],
    },
  ];
  if (f.bulk !== null)
    windows.push({
      id: 'bulk_api_calls',
      kind: 'bulk',
      unit: 'requests',
      limit: f.bulk,
      periodMs: PERIOD_MS.hour,
    });
  if (f.cycle !== null)
    windows.push({
      id: 'api_calls_cycle',
      kind: 'billing-cycle',
      unit: 'requests',
      limit: f.cycle,
      periodMs: null,
    });
  if (f.webhooksPerDay !== null) {
    windows.push({
      id: 'webhook_calls',
      kind: 'webhooks',
      unit: 'webhooks',
      limit: f.webhooksPerDay,
      periodMs: PERIOD_MS.day,
    });
  }
  return windows;
}

export function voucherifyPlan(id: VoucherifyPlanId, enterprise?: VoucherifyEnterprise): Plan {
  if (id === 'enterprise') {
    if (!enterprise) throw new Error('the Enterprise plan needs its custom limits');
    return {
      provider: 'voucherify',
      id,
      name: 'Enterprise (custom)',
      windows: windowsOf(enterprise),
      source: 'your contract',
    };
  }
  const f = FIGURES[id];
  return { provider: 'voucherify', id, name: f.name, windows: windowsOf(f), source: SOURCE };
}
