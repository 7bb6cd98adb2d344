// A key's plan as the user chose it, resolved to limits (with the user's overrides applied).
import { z } from 'zod';
import { applyOverrides, planOverridesSchema, type Plan } from './plan';
import { VOUCHERIFY_PLAN_IDS, voucherifyEnterpriseSchema, voucherifyPlan } from './voucherify';
import { ZOHO_EDITION_IDS, zohoPlan, type ZohoEditionId } from './zoho';

export const planChoiceSchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('voucherify'),
      plan: z.enum(VOUCHERIFY_PLAN_IDS),
      enterprise: voucherifyEnterpriseSchema.optional(),
      overrides: planOverridesSchema.optional(),
    })
    .refine((c) => c.plan !== 'enterprise' || c.enterprise !== undefined, {
      message: 'the Enterprise plan needs its custom limits',
      path: ['enterprise'],
    }),
  z.object({
    provider: z.literal('zoho'),
    edition: z.enum(ZOHO_EDITION_IDS as [ZohoEditionId, ...ZohoEditionId[]]),
    users: z.number().int().min(1).max(100_000),
    overrides: planOverridesSchema.optional(),
  }),
  /** Any other API: the user types each limit they know. */
  z.object({
    provider: z.literal('other'),
    overrides: planOverridesSchema.optional(),
  }),
]);
export type PlanChoice = z.infer<typeof planChoiceSchema>;

export function resolvePlan(choice: PlanChoice): Plan | null {
  switch (choice.provider) {
    case 'voucherify':
      return applyOverrides(voucherifyPlan(choice.plan, choice.enterprise), choice.overrides);
    case 'zoho':
      return applyOverrides(zohoPlan(choice.edition, choice.users), choice.overrides);
    case 'other':
      return null;
  }
}
