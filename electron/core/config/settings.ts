// The user's configuration: keys (without their secrets), plans, cycles, monitoring budget,
// notifications and appearance. Persisted by electron/storage (crash-safe files in the app's data folder) and validated with these
// schemas on every load; secrets live elsewhere (the vault), never here.
import { displayName } from '../text/display-name';
import { isValidTimeZone } from '../time/zoned';
import { z } from 'zod';
import { planChoiceSchema } from '../plans/catalog';
import { customHeaderSpecSchema } from '../providers/custom';

export const SETTINGS_VERSION = 1;

export const VOUCHERIFY_REGIONS = {
  eu: 'https://api.voucherify.io',
  us1: 'https://us1.api.voucherify.io',
  as1: 'https://as1.api.voucherify.io',
} as const;
export type VoucherifyRegion = keyof typeof VOUCHERIFY_REGIONS;

export const ZOHO_DATA_CENTRES = ['com', 'eu', 'in', 'com.au', 'com.cn', 'jp', 'ca', 'sa'] as const;
export type ZohoDataCentre = (typeof ZOHO_DATA_CENTRES)[number];

export function zohoBaseUrl(dc: ZohoDataCentre): string {
  return `https://www.zohoapis.${dc}`;
}

/** Zoho's accounts server per data centre: where refresh tokens become access tokens (Canada's is zohocloud.ca). */
export function zohoAccountsUrl(dc: ZohoDataCentre): string {
  return dc === 'ca' ? 'https://accounts.zohocloud.ca' : `https://accounts.zoho.${dc}`;
}

const httpUrl = z
  .string()
  .trim()
  .max(300)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');

const probePath = z
  .string()
  .trim()
  .max(300)
  .regex(/^\/[^\s]*$/, 'must start with / and contain no spaces');

/** Where and how a key is probed. The secret parts (tokens) are not here. */
export const connectionSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('voucherify'),
    region: z.enum(['eu', 'us1', 'as1', 'custom']),
    /** Only with region `custom` (dedicated clusters). */
    baseUrl: httpUrl.optional(),
    /** The App ID is an identifier, not the secret; it is still shown masked. */
    appId: z.string().trim().min(1).max(200),
    /** Client-side keys use X-Client-Application-Id / X-Client-Token (5 requests per 5 s per IP). */
    clientSide: z.boolean().default(false),
    path: probePath.optional(),
  }),
  z.object({
    provider: z.literal('zoho'),
    dataCentre: z.enum(ZOHO_DATA_CENTRES),
    path: probePath.optional(),
    /** The self client's Client ID (an identifier; the client secret and refresh token are in the vault). */
    clientId: z.string().trim().min(1).max(200).optional(),
    /** Only for a simulator or proxy: the API base URL instead of the data centre's. */
    baseUrl: httpUrl.optional(),
    /** Only for a simulator or proxy: the accounts server instead of the data centre's. */
    accountsUrl: httpUrl.optional(),
  }),
  z.object({
    /** Any API: its base URL, a probe path and how the token is sent. */
    provider: z.literal('generic'),
    baseUrl: httpUrl,
    path: probePath.default('/'),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    authHeader: z.string().trim().min(1).max(100).default('Authorization'),
    /** Prefix before the token, e.g. "Bearer"; empty sends the token as is. */
    authScheme: z.string().trim().max(40).default('Bearer'),
    /** Which header dialect to read: `auto`, a built-in profile id, or `custom`. */
    profile: z.string().trim().min(1).max(40).default('auto'),
    custom: customHeaderSpecSchema.optional(),
  }),
]);
export type Connection = z.infer<typeof connectionSchema>;

export const cycleSettingsSchema = z.object({
  /** Day of the month the billing cycle renews (clamped to short months). */
  renewalDay: z.number().int().min(1).max(31).default(1),
  /** IANA time zone the renewal day is counted in; checked against the runtime's own zone data. */
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(isValidTimeZone, { message: 'is not a known IANA time zone (e.g. Europe/Warsaw)' })
    .default('UTC'),
});
export type CycleSettings = z.infer<typeof cycleSettingsSchema>;

export const thresholdsSchema = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .max(5)
  .transform((t) => [...new Set(t)].sort((a, b) => a - b));

export const DEFAULT_THRESHOLDS = [80, 90, 100];

export const keyConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{4,40}$/),
  /** Shown in the tray, menu and notifications: control and bidi characters are removed. */
  name: z.string().max(240).transform(displayName).pipe(z.string().min(1).max(60)),
  connection: connectionSchema,
  plan: planChoiceSchema,
  cycle: cycleSettingsSchema.default({ renewalDay: 1, timeZone: 'UTC' }),
  thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
  /** Set on the built-in demo key, which talks to the embedded simulator. */
  demo: z.boolean().default(false),
  createdAt: z.number().int().nonnegative(),
});
export type KeyConfig = z.infer<typeof keyConfigSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM');

/** Local times "HH:MM"; the range may cross midnight. */
export const quietHoursSchema = z.object({ enabled: z.boolean(), start: clock, end: clock });

export const monitoringSchema = z.object({
  /** Share of each key's cycle quota Headroom may spend on its own probes. */
  budgetPercent: z.number().min(0.1).max(10),
  minIntervalMinutes: z.number().int().min(1).max(60),
  maxIntervalHours: z.number().int().min(1).max(48),
});

export const notificationSettingsSchema = z.object({
  enabled: z.boolean(),
  breach: z.boolean(),
  predictive: z.boolean(),
  recovery: z.boolean(),
  quietHours: quietHoursSchema,
});

export const themeSchema = z.enum(['system', 'light', 'dark']);

// Sub-objects have no field defaults, so that a partial update never resets what it does not name;
// `parseSettings` fills what a stored file lacks from DEFAULTS before validating.
export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  keys: z.array(keyConfigSchema).max(50),
  monitoring: monitoringSchema,
  notifications: notificationSettingsSchema,
  theme: themeSchema,
  launchAtLogin: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

const DEFAULTS: Settings = {
  schemaVersion: SETTINGS_VERSION,
  keys: [],
  monitoring: { budgetPercent: 1, minIntervalMinutes: 5, maxIntervalHours: 12 },
  notifications: {
    enabled: true,
    breach: true,
    predictive: true,
    recovery: true,
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
  },
  theme: 'system',
  launchAtLogin: false,
};

export function defaultSettings(): Settings {
  return structuredClone(DEFAULTS);
}

/** Validates stored (already migrated) settings, filling absent fields with defaults. */
export function parseSettings(raw: unknown): z.ZodSafeParseResult<Settings> {
  return settingsSchema.safeParse(fillDefaults(DEFAULTS, raw));
}

function fillDefaults(defaults: unknown, value: unknown): unknown {
  if (value === undefined) return structuredClone(defaults);
  if (isPlainObject(defaults) && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [k, d] of Object.entries(defaults)) out[k] = fillDefaults(d, value[k]);
    return out;
  }
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The base URL a connection probes. */
export function baseUrlOf(c: Connection): string {
  switch (c.provider) {
    case 'voucherify':
      return c.region === 'custom' ? (c.baseUrl ?? VOUCHERIFY_REGIONS.eu) : VOUCHERIFY_REGIONS[c.region];
    case 'zoho':
      return c.baseUrl ?? zohoBaseUrl(c.dataCentre);
    case 'generic':
      return c.baseUrl;
  }
}
