// Choices offered by the key form, with the figures a user recognises from the providers' pages.
import {
  VOUCHERIFY_REGIONS,
  ZOHO_DATA_CENTRES,
  type ZohoDataCentre,
} from '../../../electron/core/config/settings';
import { labelForKind } from '../../../electron/core/quota/model';
import type { KeyDraft, OverrideId } from './key-draft';
import {
  VOUCHERIFY_PLAN_IDS,
  voucherifyPlan,
  type VoucherifyPlanId,
} from '../../../electron/core/plans/voucherify';
import {
  ZOHO_EDITION_IDS,
  zohoCredits,
  zohoPlan,
  type ZohoEditionId,
} from '../../../electron/core/plans/zoho';
import type { ResetFormat } from '../../../electron/core/headers/values';
import type { Fmt } from '../format/locale';
import { formatCount } from '../format/numbers';

export const PROVIDERS = [
  { value: 'voucherify', label: 'Voucherify' },
  { value: 'zoho', label: 'Zoho CRM' },
  { value: 'generic', label: 'Other API' },
] as const;

const host = (url: string) => url.replace(/^https?:\/\//, '');

export const REGIONS: { value: KeyDraft['region']; label: string }[] = [
  { value: 'eu', label: `Europe (${host(VOUCHERIFY_REGIONS.eu)})` },
  { value: 'us1', label: `United States (${host(VOUCHERIFY_REGIONS.us1)})` },
  { value: 'as1', label: `Asia (${host(VOUCHERIFY_REGIONS.as1)})` },
  { value: 'custom', label: 'Dedicated cluster (enter its URL)' },
];

const DC_NAMES: Record<ZohoDataCentre, string> = {
  com: 'United States',
  eu: 'Europe',
  in: 'India',
  'com.au': 'Australia',
  'com.cn': 'China',
  jp: 'Japan',
  ca: 'Canada',
  sa: 'Saudi Arabia',
};

export const DATA_CENTRES = ZOHO_DATA_CENTRES.map((dc) => ({
  value: dc,
  label: `${DC_NAMES[dc]} (zohoapis.${dc})`,
}));

export function voucherifyPlanOptions(fmt: Fmt): { value: VoucherifyPlanId; label: string }[] {
  return VOUCHERIFY_PLAN_IDS.map((id) => {
    if (id === 'enterprise') return { value: id, label: 'Enterprise (custom limits)' };
    const plan = voucherifyPlan(id);
    const req = plan.windows.find((w) => w.id === 'api_calls');
    const per = req?.kind === 'requests-minute' ? 'min' : 'h';
    return { value: id, label: `${plan.name}: ${formatCount(fmt, req?.limit)} / ${per}` };
  });
}

export function zohoEditionOptions(): { value: ZohoEditionId; label: string }[] {
  return ZOHO_EDITION_IDS.map((id) => ({ value: id, label: zohoPlan(id, 1).name.replace(/, 1 user$/, '') }));
}

export function zohoCreditsText(fmt: Fmt, edition: ZohoEditionId, users: string): string | null {
  const n = Number(users);
  if (!Number.isInteger(n) || n < 1) return null;
  return `${formatCount(fmt, zohoCredits(edition, n))} credits per rolling 24 hours`;
}

/** The plan's windows the user may override, with the plan's figure as the placeholder. */
export function overridableWindows(d: KeyDraft): { id: OverrideId; label: string; planLimit: number }[] {
  if (d.provider === 'voucherify' && d.voucherifyPlan !== 'enterprise') {
    return voucherifyPlan(d.voucherifyPlan).windows.map((w) => ({
      id: w.id as OverrideId,
      label: labelForKind(w.kind, w.unit),
      planLimit: w.limit,
    }));
  }
  if (d.provider === 'zoho') {
    const users = Number(d.zohoUsers);
    return [
      {
        id: 'credits',
        label: 'Credits / rolling 24 h',
        planLimit: zohoCredits(d.zohoEdition, Number.isInteger(users) && users > 0 ? users : 1),
      },
    ];
  }
  return [];
}

export const RESET_FORMAT_OPTIONS: { value: ResetFormat; label: string }[] = [
  { value: 'epoch-seconds', label: 'Unix time, seconds' },
  { value: 'epoch-ms', label: 'Unix time, milliseconds' },
  { value: 'delta-seconds', label: 'Seconds from now' },
  { value: 'http-date', label: 'HTTP date' },
  { value: 'iso8601', label: 'ISO 8601 date' },
  { value: 'duration', label: 'Duration (1m30s)' },
  { value: 'retry-after', label: 'Like Retry-After' },
];

export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}
