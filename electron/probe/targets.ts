// What to probe for a key: the provider's base URL (a region or data centre, or the user's own), the
// cheapest request that returns quota headers, and how the credentials go on the wire.
import {
  VOUCHERIFY_REGIONS,
  ZOHO_DATA_CENTRES,
  zohoBaseUrl,
  type VoucherifyRegion,
  type ZohoDataCentre,
} from '../core/config/settings';
import type { CustomHeaderSpec } from '../core/providers/custom';
import type { ParseHints } from '../core/providers/profile';

export { VOUCHERIFY_REGIONS, ZOHO_DATA_CENTRES, zohoBaseUrl, type VoucherifyRegion, type ZohoDataCentre };

export type ProbeProvider = 'voucherify' | 'zoho' | 'generic';
export const PROBE_PROVIDERS: readonly ProbeProvider[] = ['voucherify', 'zoho', 'generic'];

/** How a key authenticates. Only the secret parts are ever redacted; ids are not secrets. */
export type Credentials =
  | { kind: 'voucherify-app'; appId: string; appToken: string }
  | { kind: 'voucherify-client'; clientId: string; clientToken: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'zoho-oauth'; token: string }
  | { kind: 'header'; name: string; value: string };

export interface ProbeTarget {
  /** Stable id of the key (what the ledger and the pool report by). */
  keyId: string;
  provider: ProbeProvider;
  /** Parser profile id; `auto` detects from the headers; `custom` reads the headers `custom` names. */
  profile: string;
  custom?: CustomHeaderSpec;
  baseUrl: string;
  method: string;
  /** Path and query, joined to baseUrl (a base URL's own path prefix is kept). */
  path: string;
  credentials: Credentials;
  hints?: ParseHints;
  /** Per-probe timeout (ms); the pool's default applies when missing. */
  timeoutMs?: number;
}

export interface ProviderDefaults {
  name: string;
  baseUrl: string | null;
  method: string;
  /** The cheapest call that answers with the quota headers; null = the user must name one. */
  path: string | null;
  profile: string;
  /** What to tell the user when the provider rejects the credentials. */
  rejectedHint: string;
}

export const PROVIDER_DEFAULTS: Record<ProbeProvider, ProviderDefaults> = {
  voucherify: {
    name: 'Voucherify',
    baseUrl: VOUCHERIFY_REGIONS.eu,
    method: 'GET',
    // Any GET costs one call; this one returns the least data.
    path: '/v1/vouchers?limit=1',
    profile: 'voucherify',
    rejectedHint: 'check the App ID and token',
  },
  zoho: {
    name: 'Zoho CRM',
    baseUrl: zohoBaseUrl('com'),
    method: 'GET',
    path: '/crm/v2/org',
    // Zoho documents no quota headers; `auto` reads any that appear.
    profile: 'auto',
    rejectedHint: 'the OAuth token may have expired: refresh it',
  },
  generic: {
    name: 'The API',
    baseUrl: null,
    method: 'GET',
    path: null,
    profile: 'auto',
    rejectedHint: 'check the credentials',
  },
};

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

export interface TargetInput {
  keyId?: string;
  provider: ProbeProvider;
  baseUrl?: string;
  method?: string;
  path?: string;
  profile?: string;
  custom?: CustomHeaderSpec;
  credentials: Credentials;
  hints?: ParseHints;
  timeoutMs?: number;
}

const TOKEN_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values may not hold control characters (a line break would inject a header).
// Nor anything outside Latin-1: Node refuses it at send time, which would read as a connection failure.
// eslint-disable-next-line no-control-regex -- control characters are what is being refused
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

/** A complete target from what the user gave, the provider's defaults filling the rest. */
export function makeTarget(input: TargetInput): ProbeTarget {
  const d = PROVIDER_DEFAULTS[input.provider];
  const baseUrl = input.baseUrl ?? d.baseUrl;
  if (!baseUrl) throw new TargetError(`${input.provider} needs a base URL`);
  const url = parseBaseUrl(baseUrl);
  const path = input.path ?? d.path;
  if (!path) throw new TargetError(`${input.provider} needs a path to probe (an inexpensive GET)`);
  const method = (input.method ?? d.method).toUpperCase();
  if (!TOKEN_CHARS.test(method)) throw new TargetError('the method is not a valid HTTP method');
  checkCredentials(input.provider, input.credentials);
  return {
    keyId: input.keyId ?? defaultKeyId(input.provider, url, input.credentials),
    provider: input.provider,
    profile: input.custom ? 'custom' : (input.profile ?? d.profile),
    ...(input.custom ? { custom: input.custom } : {}),
    baseUrl: url.toString().replace(/\/+$/, ''),
    method,
    path: path.startsWith('/') ? path : `/${path}`,
    credentials: input.credentials,
    ...(input.hints ? { hints: input.hints } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
  };
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError('the base URL is not a valid URL (e.g. https://api.voucherify.io)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TargetError('the base URL must start with https:// (or http:// for a local simulator)');
  if (url.username || url.password)
    throw new TargetError('put credentials in the key settings, not in the base URL');
  url.search = '';
  url.hash = '';
  return url;
}

function checkCredentials(provider: ProbeProvider, c: Credentials): void {
  const fits: Record<ProbeProvider, Credentials['kind'][]> = {
    voucherify: ['voucherify-app', 'voucherify-client'],
    zoho: ['zoho-oauth', 'bearer'],
    generic: ['bearer', 'header', 'zoho-oauth', 'voucherify-app', 'voucherify-client'],
  };
  if (!fits[provider].includes(c.kind))
    throw new TargetError(`${provider} keys do not use ${c.kind} credentials`);
  for (const [name, value] of Object.entries(authHeaders(c))) {
    if (!TOKEN_CHARS.test(name)) throw new TargetError('the header name is not a valid HTTP header name');
    if (value.trim() === '' || BAD_VALUE.test(value))
      throw new TargetError(`the value for ${name} is empty or holds characters a header cannot carry`);
  }
}

function defaultKeyId(provider: ProbeProvider, url: URL, c: Credentials): string {
  const who = c.kind === 'voucherify-app' ? c.appId : c.kind === 'voucherify-client' ? c.clientId : '';
  return [provider, url.host, who].filter(Boolean).join(':');
}

/** The request headers that carry the credentials. */
export function authHeaders(c: Credentials): Record<string, string> {
  switch (c.kind) {
    case 'voucherify-app':
      return { 'X-App-Id': c.appId, 'X-App-Token': c.appToken };
    case 'voucherify-client':
      return { 'X-Client-Application-Id': c.clientId, 'X-Client-Token': c.clientToken };
    case 'bearer':
      return { Authorization: `Bearer ${c.token}` };
    case 'zoho-oauth':
      return { Authorization: `Zoho-oauthtoken ${c.token}` };
    case 'header':
      return { [c.name]: c.value };
  }
}

/** The secret parts of the credentials: what redaction must remove everywhere. */
export function secretsOf(c: Credentials): string[] {
  switch (c.kind) {
    case 'voucherify-app':
      return [c.appToken];
    case 'voucherify-client':
      return [c.clientToken];
    case 'bearer':
    case 'zoho-oauth':
      return [c.token];
    case 'header':
      return [c.value];
  }
}

/** scheme://host:port only: no credentials, path or query can leak through it. */
export function displayOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return 'the base URL';
  }
}

/** baseUrl + path, keeping a base URL's path prefix (dedicated clusters, proxies). */
export function requestUrl(t: Pick<ProbeTarget, 'baseUrl' | 'path'>): URL {
  return new URL(`${t.baseUrl.replace(/\/+$/, '')}${t.path}`);
}
