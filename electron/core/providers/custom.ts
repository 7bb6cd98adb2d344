// The custom profile: the user names the headers their API sends and how its reset is written.
// It runs through the same declarative reader as the built-in dialects.
import { z } from 'zod';
import { RESET_FORMATS } from '../headers/values';
import { unitSchema, windowKindSchema } from '../quota/model';
import { declarativeProfile, type ProviderProfile } from './profile';

const headerName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');

export const customHeaderSpecSchema = z
  .object({
    limitHeader: headerName.optional(),
    remainingHeader: headerName.optional(),
    usedHeader: headerName.optional(),
    resetHeader: headerName.optional(),
    resetFormat: z.enum(RESET_FORMATS).default('epoch-seconds'),
    kind: windowKindSchema.default('custom'),
    unit: unitSchema.default('requests'),
    periodMs: z.number().positive().nullable().default(null),
  })
  .refine((s) => s.limitHeader || s.remainingHeader || s.usedHeader, {
    message: 'name at least one of the limit, remaining or used headers',
  });
export type CustomHeaderSpec = z.infer<typeof customHeaderSpecSchema>;

export function customProfile(spec: CustomHeaderSpec): ProviderProfile {
  return declarativeProfile({
    id: 'custom',
    name: 'Custom headers',
    signatures: [spec.limitHeader, spec.remainingHeader, spec.usedHeader]
      .filter((h): h is string => h !== undefined)
      .map((header) => ({ header, score: 1 })),
    windows: [
      {
        id: 'custom',
        kind: spec.kind,
        unit: spec.unit,
        periodMs: spec.periodMs,
        ...(spec.limitHeader ? { limit: spec.limitHeader } : {}),
        ...(spec.remainingHeader ? { remaining: spec.remainingHeader } : {}),
        ...(spec.usedHeader ? { used: spec.usedHeader } : {}),
        ...(spec.resetHeader ? { reset: [{ header: spec.resetHeader, format: spec.resetFormat }] } : {}),
      },
    ],
  });
}
