// The add/edit key form as plain strings (what the inputs hold), turned into a KeyInput and
// validated with the contract's own schema, so the form says exactly what main would refuse.
// Pure: unit-tested without a DOM.
import {
  DEFAULT_THRESHOLDS,
  type Connection,
  type VoucherifyRegion,
  type ZohoDataCentre,
} from '../../../electron/core/config/settings';
import type { PlanChoice } from '../../../electron/core/plans/catalog';
import type { VoucherifyPlanId } from '../../../electron/core/plans/voucherify';
import type { ZohoEditionId } from '../../../electron/core/plans/zoho';
import type { ResetFormat } from '../../../electron/core/headers/values';
import { keyInputSchema, type KeyInput, type KeyView } from '../../../electron/ipc/contract';

export type ProviderChoice = Connection['provider'];

export const OVERRIDE_IDS = [
  'api_calls',
  'bulk_api_calls',
  'api_calls_cycle',
  'webhook_calls',
  'credits',
] as const;
export type OverrideId = (typeof OVERRIDE_IDS)[number];

export interface KeyDraft {
  id: string | null;
  name: string;
  provider: ProviderChoice;
  region: VoucherifyRegion | 'custom';
  voucherifyUrl: string;
  appId: string;
  clientSide: boolean;
  dataCentre: ZohoDataCentre;
  /** The Zoho self client's Client ID (not a secret; shown on edit). */
  zohoClientId: string;
  /** Never pre-filled. Blank on edit keeps the stored value. */
  zohoClientSecret: string;
  /** Never pre-filled. Blank on edit keeps the stored value. */
  zohoRefreshToken: string;
  /** Only behind a proxy or for a simulator: the API and accounts servers instead of the data centre's. */
  zohoApiUrl: string;
  zohoAccountsUrl: string;
  genericUrl: string;
  path: string;
  authHeader: string;
  authScheme: string;
  profile: 'auto' | 'custom';
  limitHeader: string;
  remainingHeader: string;
  resetHeader: string;
  resetFormat: ResetFormat;
  /** Never pre-filled. Blank on edit keeps the stored secret. */
  token: string;
  voucherifyPlan: VoucherifyPlanId;
  entPeriod: 'hour' | 'minute';
  entRequests: string;
  entBulk: string;
  entCycle: string;
  entWebhooks: string;
  zohoEdition: ZohoEditionId;
  zohoUsers: string;
  overrides: Record<OverrideId, string>;
  renewalDay: string;
  timeZone: string;
  thresholds: string;
}

export type DraftField = keyof KeyDraft | `overrides.${OverrideId}`;
/** Errors by field; `form` holds what belongs to no single field. */
export type DraftErrors = Partial<Record<DraftField | 'form', string>>;

const noOverrides = (): Record<OverrideId, string> =>
  Object.fromEntries(OVERRIDE_IDS.map((id) => [id, ''])) as Record<OverrideId, string>;

export function emptyDraft(timeZone: string): KeyDraft {
  return {
    id: null,
    name: '',
    provider: 'voucherify',
    region: 'eu',
    voucherifyUrl: '',
    appId: '',
    clientSide: false,
    dataCentre: 'com',
    zohoClientId: '',
    zohoClientSecret: '',
    zohoRefreshToken: '',
    zohoApiUrl: '',
    zohoAccountsUrl: '',
    genericUrl: '',
    path: '',
    authHeader: 'Authorization',
    authScheme: 'Bearer',
    profile: 'auto',
    limitHeader: '',
    remainingHeader: '',
    resetHeader: '',
    resetFormat: 'epoch-seconds',
    token: '',
    voucherifyPlan: 'startup',
    entPeriod: 'hour',
    entRequests: '',
    entBulk: '',
    entCycle: '',
    entWebhooks: '',
    zohoEdition: 'standard',
    zohoUsers: '10',
    overrides: noOverrides(),
    renewalDay: '1',
    timeZone,
    thresholds: DEFAULT_THRESHOLDS.join(', '),
  };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The form for editing a key: everything but the secret, which is never sent to the renderer. */
export function draftFromKey(k: KeyView, timeZone: string): KeyDraft {
  const d = emptyDraft(timeZone);
  d.id = k.id;
  d.name = k.name;
  d.provider = k.connection.provider;
  const c = k.connection;
  if (c.provider === 'voucherify') {
    d.region = c.region;
    d.voucherifyUrl = c.baseUrl ?? '';
    d.appId = c.appId;
    d.clientSide = c.clientSide;
    d.path = c.path ?? '';
  } else if (c.provider === 'zoho') {
    d.dataCentre = c.dataCentre;
    d.path = c.path ?? '';
    d.zohoClientId = c.clientId ?? '';
    d.zohoApiUrl = c.baseUrl ?? '';
    d.zohoAccountsUrl = c.accountsUrl ?? '';
  } else {
    d.genericUrl = c.baseUrl;
    d.path = c.path;
    d.authHeader = c.authHeader;
    d.authScheme = c.authScheme;
    d.profile = c.profile === 'custom' ? 'custom' : 'auto';
    d.limitHeader = c.custom?.limitHeader ?? '';
    d.remainingHeader = c.custom?.remainingHeader ?? '';
    d.resetHeader = c.custom?.resetHeader ?? '';
    d.resetFormat = c.custom?.resetFormat ?? 'epoch-seconds';
  }
  const p = k.plan;
  if (p.provider === 'voucherify') {
    d.voucherifyPlan = p.plan;
    if (p.enterprise) {
      d.entPeriod = p.enterprise.period;
      d.entRequests = str(p.enterprise.requests);
      d.entBulk = str(p.enterprise.bulk);
      d.entCycle = str(p.enterprise.cycle);
      d.entWebhooks = str(p.enterprise.webhooksPerDay);
    }
  } else if (p.provider === 'zoho') {
    d.zohoEdition = p.edition;
    d.zohoUsers = String(p.users);
  }
  for (const [id, v] of Object.entries(p.overrides ?? {}))
    if ((OVERRIDE_IDS as readonly string[]).includes(id)) d.overrides[id as OverrideId] = String(v);
  d.renewalDay = String(k.cycleSettings.renewalDay);
  d.timeZone = k.cycleSettings.timeZone;
  d.thresholds = k.thresholds.join(', ');
  return d;
}

/** A number typed by the user: blank is "not given", anything unreadable is NaN (and refused). */
function num(s: string): number | undefined {
  const t = s.trim().replace(/[\s,_]/g, '');
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

function connectionOf(d: KeyDraft): unknown {
  switch (d.provider) {
    case 'voucherify':
      return {
        provider: 'voucherify',
        region: d.region,
        ...(d.region === 'custom' ? { baseUrl: d.voucherifyUrl.trim() } : {}),
        appId: d.appId,
        clientSide: d.clientSide,
        ...(opt(d.path) ? { path: opt(d.path) } : {}),
      };
    case 'zoho':
      return {
        provider: 'zoho',
        dataCentre: d.dataCentre,
        ...(opt(d.zohoClientId) ? { clientId: opt(d.zohoClientId) } : {}),
        ...(opt(d.zohoApiUrl) ? { baseUrl: opt(d.zohoApiUrl) } : {}),
        ...(opt(d.zohoAccountsUrl) ? { accountsUrl: opt(d.zohoAccountsUrl) } : {}),
        ...(opt(d.path) ? { path: opt(d.path) } : {}),
      };
    case 'generic':
      return {
        provider: 'generic',
        baseUrl: d.genericUrl.trim(),
        path: opt(d.path) ?? '/',
        method: 'GET',
        authHeader: d.authHeader,
        authScheme: d.authScheme,
        profile: d.profile,
        ...(d.profile === 'custom'
          ? {
              custom: {
                ...(opt(d.limitHeader) ? { limitHeader: opt(d.limitHeader) } : {}),
                ...(opt(d.remainingHeader) ? { remainingHeader: opt(d.remainingHeader) } : {}),
                ...(opt(d.resetHeader) ? { resetHeader: opt(d.resetHeader) } : {}),
                resetFormat: d.resetFormat,
              },
            }
          : {}),
      };
  }
}

function overridesOf(d: KeyDraft, ids: readonly OverrideId[]): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const v = num(d.overrides[id]);
    if (v !== undefined) out[id] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function planOf(d: KeyDraft): PlanChoice | Record<string, unknown> {
  switch (d.provider) {
    case 'voucherify': {
      const overrides = overridesOf(d, ['api_calls', 'bulk_api_calls', 'api_calls_cycle', 'webhook_calls']);
      return {
        provider: 'voucherify',
        plan: d.voucherifyPlan,
        ...(d.voucherifyPlan === 'enterprise'
          ? {
              enterprise: {
                period: d.entPeriod,
                requests: num(d.entRequests),
                bulk: num(d.entBulk) ?? null,
                cycle: num(d.entCycle) ?? null,
                webhooksPerDay: num(d.entWebhooks) ?? null,
              },
            }
          : {}),
        ...(overrides ? { overrides } : {}),
      };
    }
    case 'zoho': {
      const overrides = overridesOf(d, ['credits']);
      return {
        provider: 'zoho',
        edition: d.zohoEdition,
        users: num(d.zohoUsers),
        ...(overrides ? { overrides } : {}),
      };
    }
    case 'generic':
      return { provider: 'other' };
  }
}

export function parseThresholds(s: string): number[] | null {
  const parts = s
    .split(/[,;\s]+/)
    .map((p) => p.replace(/%$/, ''))
    .filter(Boolean);
  if (parts.length === 0) return null;
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
  return nums.some((n) => !Number.isInteger(n)) ? null : nums;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Where a schema issue lands in the form. */
function fieldFor(path: readonly PropertyKey[], provider: ProviderChoice): DraftField | null {
  const [a, b, c] = path.map(String);
  if (a === 'name') return 'name';
  if (a === 'secrets')
    return b === 'clientSecret' ? 'zohoClientSecret' : b === 'refreshToken' ? 'zohoRefreshToken' : 'token';
  if (a === 'thresholds') return 'thresholds';
  if (a === 'cycle') return b === 'timeZone' ? 'timeZone' : 'renewalDay';
  if (a === 'connection') {
    if (b === 'baseUrl')
      return provider === 'generic' ? 'genericUrl' : provider === 'zoho' ? 'zohoApiUrl' : 'voucherifyUrl';
    if (b === 'accountsUrl') return 'zohoAccountsUrl';
    if (b === 'custom') {
      if (c === 'remainingHeader') return 'remainingHeader';
      if (c === 'resetHeader') return 'resetHeader';
      return 'limitHeader';
    }
    if (b === 'clientId') return 'zohoClientId';
    if (b && ['region', 'appId', 'dataCentre', 'path', 'authHeader', 'authScheme'].includes(b))
      return b as DraftField;
    return null;
  }
  if (a === 'plan') {
    if (b === 'users') return 'zohoUsers';
    if (b === 'enterprise') {
      const map: Record<string, DraftField> = {
        requests: 'entRequests',
        bulk: 'entBulk',
        cycle: 'entCycle',
        webhooksPerDay: 'entWebhooks',
      };
      return (c && map[c]) || 'entRequests';
    }
    if (b === 'overrides' && c && (OVERRIDE_IDS as readonly string[]).includes(c))
      return `overrides.${c as OverrideId}`;
    return 'voucherifyPlan';
  }
  return null;
}

/** Each field by the label the form shows, so a message names what it is about. */
const FIELD_NAMES: Record<DraftField, string> = {
  id: 'Key',
  name: 'Name',
  provider: 'Provider',
  region: 'Region',
  voucherifyUrl: 'Cluster base URL',
  appId: 'Application ID',
  clientSide: 'Client-side key',
  dataCentre: 'Data centre',
  zohoClientId: 'Client ID',
  zohoClientSecret: 'Client secret',
  zohoRefreshToken: 'Refresh token',
  zohoApiUrl: 'API base URL',
  zohoAccountsUrl: 'Accounts server URL',
  genericUrl: 'Base URL',
  path: 'Probe path',
  authHeader: 'Auth header',
  authScheme: 'Scheme',
  profile: 'Read quota from',
  limitHeader: 'Limit header',
  remainingHeader: 'Remaining header',
  resetHeader: 'Reset header',
  resetFormat: 'Reset written as',
  token: 'Secret key (App token)',
  voucherifyPlan: 'Plan',
  entPeriod: 'Request window',
  entRequests: 'Requests',
  entBulk: 'Bulk / hour',
  entCycle: 'Billing cycle',
  entWebhooks: 'Webhooks / day',
  zohoEdition: 'Edition',
  zohoUsers: 'User licences',
  overrides: 'Adjusted limits',
  'overrides.api_calls': 'Requests limit',
  'overrides.bulk_api_calls': 'Bulk requests limit',
  'overrides.api_calls_cycle': 'Billing-cycle limit',
  'overrides.webhook_calls': 'Webhooks limit',
  'overrides.credits': 'Credits limit',
  renewalDay: 'Cycle renews on day',
  timeZone: 'Time zone',
  thresholds: 'Alert at (% used)',
};

/** What to type, for fields whose fix is not "a whole number". */
const HOW_TO_FILL: Partial<Record<DraftField, string>> = {
  name: 'give the key a name',
  appId: 'paste the App ID from the dashboard',
  authHeader: 'the header that carries the key, e.g. Authorization',
  authScheme: 'a word such as Bearer, or leave it empty',
  limitHeader: 'the header name, e.g. X-RateLimit-Limit',
  remainingHeader: 'the header name, e.g. X-RateLimit-Remaining',
  resetHeader: 'the header name, e.g. X-RateLimit-Reset',
  zohoClientId: 'paste the Client ID of the self client',
  zohoClientSecret: 'paste the Client Secret of the self client',
  zohoRefreshToken: 'paste the refresh token generated for the self client',
  token: 'paste the key’s secret token',
  genericUrl: 'a full address, e.g. https://api.example.com',
  voucherifyUrl: 'a full address, e.g. https://api.example.com',
  zohoApiUrl: 'a full address, e.g. https://api.example.com',
  zohoAccountsUrl: 'a full address, e.g. https://api.example.com',
  path: 'a path starting with /, without spaces',
  thresholds: 'up to five whole percentages from 1 to 100, e.g. 80, 90, 100',
  renewalDay: 'a day of the month, 1 to 31',
  timeZone: 'a time zone such as Europe/Warsaw or UTC',
  region: 'pick one from the list',
  dataCentre: 'pick one from the list',
  voucherifyPlan: 'pick one from the list',
};

/** The form's text for a field, or '' when it has none (a list, a checkbox). */
function typed(d: KeyDraft, field: DraftField): string {
  if (field.startsWith('overrides.')) return d.overrides[field.slice('overrides.'.length) as OverrideId];
  const v = d[field as keyof KeyDraft];
  return typeof v === 'string' ? v : '';
}

/** A schema issue as words a user can act on: the field's name, what is wrong, what to type. */
interface IssueFacts {
  code: string;
  message?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
}

export function fieldMessage(
  field: DraftField,
  value: string,
  issue: IssueFacts | null,
  provider: ProviderChoice = 'voucherify',
): string {
  // The token's label differs by provider (ConnectionFields): name it as the form shows it.
  const name = field === 'token' && provider === 'generic' ? 'Token' : FIELD_NAMES[field];
  // A rule across fields (e.g. "at least one header") says its own what-to-do.
  const how = issue?.code === 'custom' && issue.message ? issue.message : HOW_TO_FILL[field];
  const empty = value.trim() === '';
  if (how) {
    if (empty) return `${name} is empty: ${how}`;
    if (issue?.code === 'too_big' && issue.origin === 'string')
      return `${name} is too long (at most ${String(issue.maximum)} characters)`;
    return `${name} is not valid: ${how}`;
  }
  // The rest are numbers typed by the user.
  if (empty) return `${name} is empty: enter a whole number`;
  const n = num(value);
  if (n === undefined || Number.isNaN(n)) return `${name} is not a number: enter a whole number, e.g. 2000`;
  if (!Number.isInteger(n)) return `${name} must be a whole number`;
  if (issue?.code === 'too_small') return `${name} must be at least ${String(issue.minimum)}`;
  if (issue?.code === 'too_big') return `${name} must be at most ${String(issue.maximum)}`;
  return `${name} is not valid: enter a whole number`;
}

export type DraftResult = { ok: true; input: KeyInput } | { ok: false; errors: DraftErrors };

/** The KeyInput for main, or the errors to show beside each field. */
export function draftToInput(d: KeyDraft): DraftResult {
  const errors: DraftErrors = {};
  const thresholds = parseThresholds(d.thresholds);
  if (!thresholds) errors.thresholds = fieldMessage('thresholds', d.thresholds, null);
  const token = d.token.trim();
  const zohoSecrets = {
    ...(opt(d.zohoClientSecret) ? { clientSecret: opt(d.zohoClientSecret) } : {}),
    ...(opt(d.zohoRefreshToken) ? { refreshToken: opt(d.zohoRefreshToken) } : {}),
  };
  if (d.provider === 'zoho') {
    // A self client's three parts; on edit, blank secrets keep the stored ones.
    if (!opt(d.zohoClientId)) errors.zohoClientId = fieldMessage('zohoClientId', '', null);
    if (!d.id && !zohoSecrets.clientSecret)
      errors.zohoClientSecret = fieldMessage('zohoClientSecret', '', null);
    if (!d.id && !zohoSecrets.refreshToken)
      errors.zohoRefreshToken = fieldMessage('zohoRefreshToken', '', null);
  } else if (!d.id && token === '') errors.token = fieldMessage('token', '', null, d.provider);
  if (!validTimeZone(d.timeZone.trim())) errors.timeZone = fieldMessage('timeZone', d.timeZone, null);
  const renewalDay = num(d.renewalDay);
  const candidate = {
    ...(d.id ? { id: d.id } : {}),
    name: d.name,
    connection: connectionOf(d),
    secrets: d.provider === 'zoho' ? zohoSecrets : token ? { token } : {},
    plan: planOf(d),
    cycle: { renewalDay, timeZone: d.timeZone.trim() },
    thresholds: thresholds ?? [],
  };
  const parsed = keyInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldFor(issue.path, d.provider);
      if (field && !errors[field]) errors[field] = fieldMessage(field, typed(d, field), issue, d.provider);
      else if (!field && !errors.form) errors.form = issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Send what the user typed (with the token), validated; main parses it again.
  return { ok: true, input: candidate as KeyInput };
}
