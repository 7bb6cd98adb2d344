// `--plan PLAN` for `probe` and `parse`: a Voucherify plan tells the parser whether the request window
// is hourly or per minute, and the plan's limits (so it need not warn "assumed hourly").
import { planLimits } from '../core/plans/plan';
import { VOUCHERIFY_PLAN_IDS, voucherifyPlan, type VoucherifyPlanId } from '../core/plans/voucherify';
import type { ParseHints } from '../core/providers/profile';
import { CliError } from './cli';

/** The plans --plan accepts (Enterprise has no fixed limits to name). */
export const CLI_PLANS = VOUCHERIFY_PLAN_IDS.filter(
  (p): p is Exclude<VoucherifyPlanId, 'enterprise'> => p !== 'enterprise',
);

/** Parse hints for a --plan value; `voucherify` false when the command targets another provider. */
export function planHints(plan: string | undefined, voucherify: boolean): ParseHints | undefined {
  if (plan === undefined) return undefined;
  if (!voucherify) throw new CliError('--plan names a Voucherify plan');
  if (!(CLI_PLANS as readonly string[]).includes(plan))
    throw new CliError(
      `--plan must be one of ${CLI_PLANS.join(', ')}; got ${JSON.stringify(plan.slice(0, 40))}`,
    );
  const p = voucherifyPlan(plan as (typeof CLI_PLANS)[number]);
  const requestPeriodMs = p.windows.find((w) => w.id === 'api_calls')?.periodMs ?? undefined;
  return { planLimits: planLimits(p), ...(requestPeriodMs ? { requestPeriodMs } : {}) };
}
