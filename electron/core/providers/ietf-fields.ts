// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), every generation seen in
// the wild, read into windows. Shared by the ietf, cloudflare, jira and generic profiles.
//
//   draft >= 08:  RateLimit-Policy: "burst";q=100;w=60, "daily";q=1000;w=86400
//                 RateLimit: "burst";r=50;t=30          (lists of named items; -08 also bare tokens)
//   draft 07:     RateLimit-Policy: 100;w=10            (unnamed integer policies)
//                 RateLimit: limit=100, remaining=50, reset=5   (a dictionary)
//   draft <= 06:  RateLimit-Limit: 100, 100;w=60  RateLimit-Remaining: 50  RateLimit-Reset: 5
//
// Structured fields are parsed by the `structured-headers` package (RFC 8941/9651). A field that
// does not parse is ignored with a warning, as the drafts require ("Malformed RateLimit header
// fields MUST be ignored"); one bad item costs that item, not the response.
import {
  parseDictionary,
  parseList,
  Token,
  type BareItem,
  type Dictionary,
  type InnerList,
  type Item,
  type List,
} from 'structured-headers';
import { parseCount, parseResetAt, quote, type Parsed, type TimeContext } from '../headers/values';
import { requestKindForPeriod, type QuotaWindow, type Unit, type WindowKind } from '../quota/model';
import { periodId, periodLabel, windowId, withName } from './names';
import { buildWindow, type ProfileInput } from './profile';

/** Header names of the structured (draft >= 07) fields; Jira sends them with a `Beta-` prefix. */
export interface StructuredFieldNames {
  policy: string;
  limit: string;
}
export const IETF_FIELDS: StructuredFieldNames = { policy: 'ratelimit-policy', limit: 'ratelimit' };

/** Header names of the draft <= 06 fields; the de facto X-RateLimit-* headers share the shape. */
export interface LegacyFieldNames {
  limit: string;
  remaining: string;
  reset: string;
  /** -06 moved the policies out of RateLimit-Limit into their own field. */
  policy?: string;
}
export const IETF_LEGACY_FIELDS: LegacyFieldNames = {
  limit: 'ratelimit-limit',
  remaining: 'ratelimit-remaining',
  reset: 'ratelimit-reset',
  policy: 'ratelimit-policy',
};

interface QuotaPolicy {
  /** The policy's name (draft >= 08); null for the unnamed integer policies of drafts <= 07. */
  name: string | null;
  quota: Parsed<number>;
  periodMs: number | null;
  /** The `qu` parameter: what the quota counts (requests when absent). */
  quotaUnit: string | null;
}

interface ServiceLimit {
  /** The policy this limit belongs to (draft >= 08); null for the single limit of drafts <= 07. */
  name: string | null;
  /** Drafts <= 07 state the limit that expires first here, rather than in a policy. */
  expiring?: Parsed<number>;
  remaining?: Parsed<number>;
  reset?: Parsed<number>;
}

/** Reads RateLimit-Policy and RateLimit (drafts 07 and >= 08) into one window per policy or limit. */
export function readStructuredFields(
  input: ProfileInput,
  fields: StructuredFieldNames = IETF_FIELDS,
  fallbackId = 'requests',
): QuotaWindow[] {
  const policies = readPolicies(input, fields.policy);
  const raw = input.headers.get(fields.limit);
  const windows: QuotaWindow[] = [];
  const matched = new Set<QuotaPolicy>();
  if (raw !== undefined) {
    const list = tryList(raw);
    const limits = list
      ? serviceLimits(list, input, fields.limit)
      : draft07Limit(tryDictionary(raw), input, fields.limit);
    for (const limit of limits) {
      const policy = matchPolicy(policies, limit, matched);
      if (policy) matched.add(policy);
      windows.push(policyWindow(policy, limit, input, fallbackId));
    }
  }
  for (const p of policies) if (!matched.has(p)) windows.push(policyWindow(p, null, input, fallbackId));
  return uniqueIds(windows, input);
}

/** Reads RateLimit-Limit / -Remaining / -Reset (drafts <= 06) and the X-RateLimit-* look-alikes. */
export function readLegacyFields(
  input: ProfileInput,
  fields: LegacyFieldNames = IETF_LEGACY_FIELDS,
  readReset: (raw: string | undefined, time: TimeContext) => Parsed<number> = (raw, time) =>
    parseResetAt(raw, 'delta-seconds', time),
  fallbackId = 'requests',
): QuotaWindow[] {
  const h = input.headers;
  if (!h.has(fields.limit) && !h.has(fields.remaining)) return [];
  const policies: QuotaPolicy[] = [];
  let limit: Parsed<number> | undefined;
  const limitRaw = h.get(fields.limit);
  if (limitRaw !== undefined) {
    const list = tryList(limitRaw);
    const first = list?.[0];
    if (list && first && isItem(first) && typeof first[0] === 'number') {
      limit = numberParam(first[0], 'limit');
      for (const member of list.slice(1)) {
        if (!isItem(member) || typeof member[0] !== 'number') continue;
        if (member[1].size === 0) {
          // A bare number after the limit is the same header repeated, not a policy.
          if (member[0] !== first[0] && !limit.problem)
            limit = { ...limit, problem: `limit repeated with different values (${quote(limitRaw)})` };
          continue;
        }
        policies.push(unnamedPolicy(member[0], member[1], input, fields.limit));
      }
    } else {
      limit = parseCount(h.all(fields.limit), 'limit');
    }
  }
  if (fields.policy) {
    for (const p of readPolicies(input, fields.policy)) if (p.name === null) policies.push(p);
  }
  const expiring: ServiceLimit = {
    name: null,
    ...(limit ? { expiring: limit } : {}),
    ...(h.has(fields.remaining) ? { remaining: parseCount(h.all(fields.remaining), 'remaining') } : {}),
    ...(h.has(fields.reset) ? { reset: readReset(h.first(fields.reset), input.time) } : {}),
  };
  const matched = matchPolicy(policies, expiring, new Set());
  const windows = [policyWindow(matched, expiring, input, fallbackId)];
  for (const p of policies) if (p !== matched) windows.push(policyWindow(p, null, input, fallbackId));
  return uniqueIds(windows, input);
}

/** True when the response carries any of the structured fields. */
export function hasStructuredFields(input: { has(name: string): boolean }, fields = IETF_FIELDS): boolean {
  return input.has(fields.limit) || input.has(fields.policy);
}

function readPolicies(input: ProfileInput, header: string): QuotaPolicy[] {
  const raw = input.headers.get(header);
  if (raw === undefined) return [];
  const list = tryList(raw);
  if (!list) {
    input.warn(`${header} is not a structured-field list; ignored`);
    return [];
  }
  const policies: QuotaPolicy[] = [];
  for (const member of list) {
    if (!isItem(member)) {
      input.warn(`${header}: an inner list is not a quota policy; ignored`);
      continue;
    }
    const [bare, params] = member;
    if (typeof bare === 'number') {
      policies.push(unnamedPolicy(bare, params, input, header));
      continue;
    }
    const name = itemName(bare);
    if (name === null) {
      input.warn(`${header}: a policy without a name; ignored`);
      continue;
    }
    const q = params.get('q');
    policies.push({
      name,
      quota: q === undefined ? { value: null, problem: null } : numberParam(q, 'limit'),
      periodMs: periodParam(params.get('w'), input, header),
      quotaUnit: textParam(params.get('qu')),
    });
  }
  return policies;
}

/** Draft 07 policies (and the policy members of a draft <= 06 RateLimit-Limit): `100;w=60`. */
function unnamedPolicy(
  quota: number,
  params: Map<string, BareItem>,
  input: ProfileInput,
  header: string,
): QuotaPolicy {
  return {
    name: null,
    quota: numberParam(quota, 'limit'),
    periodMs: periodParam(params.get('w'), input, header),
    quotaUnit: textParam(params.get('qu')),
  };
}

function serviceLimits(list: List, input: ProfileInput, header: string): ServiceLimit[] {
  const limits: ServiceLimit[] = [];
  for (const member of list) {
    if (!isItem(member)) {
      input.warn(`${header}: an inner list is not a service limit; ignored`);
      continue;
    }
    const name = itemName(member[0]);
    if (name === null) {
      input.warn(`${header}: an item without a policy name; ignored`);
      continue;
    }
    const r = member[1].get('r');
    const t = member[1].get('t');
    limits.push({
      name,
      ...(r !== undefined ? { remaining: numberParam(r, 'remaining') } : {}),
      ...(t !== undefined ? { reset: deltaParam(t, input.time) } : {}),
    });
  }
  return limits;
}

/** Draft 07's `RateLimit: limit=100, remaining=50, reset=5`, as one unnamed limit. */
function draft07Limit(dict: Dictionary | null, input: ProfileInput, header: string): ServiceLimit[] {
  if (!dict) {
    input.warn(`${header} is neither a structured-field list nor a dictionary; ignored`);
    return [];
  }
  const value = (key: string): BareItem | undefined => {
    const entry = dict.get(key);
    return entry && isItem(entry) ? entry[0] : undefined;
  };
  const limit = value('limit');
  const remaining = value('remaining');
  const reset = value('reset');
  if (limit === undefined && remaining === undefined && reset === undefined) {
    input.warn(`${header} has none of limit, remaining, reset; ignored`);
    return [];
  }
  return [
    {
      name: null,
      ...(remaining !== undefined ? { remaining: numberParam(remaining, 'remaining') } : {}),
      ...(reset !== undefined ? { reset: deltaParam(reset, input.time) } : {}),
      ...(limit !== undefined ? { expiring: numberParam(limit, 'limit') } : {}),
    },
  ];
}

function matchPolicy(
  policies: readonly QuotaPolicy[],
  limit: ServiceLimit,
  taken: ReadonlySet<QuotaPolicy>,
): QuotaPolicy | null {
  if (limit.name !== null) return policies.find((p) => p.name === limit.name && !taken.has(p)) ?? null;
  // An unnamed limit belongs to the unnamed policy with the same quota (drafts <= 07).
  const expiring = limit.expiring?.value;
  if (expiring === null || expiring === undefined) return null;
  return policies.find((p) => p.name === null && !taken.has(p) && p.quota.value === expiring) ?? null;
}

function policyWindow(
  policy: QuotaPolicy | null,
  limit: ServiceLimit | null,
  input: ProfileInput,
  fallbackId: string,
): QuotaWindow {
  const name = policy?.name ?? limit?.name ?? null;
  const periodMs = policy?.periodMs ?? null;
  const { unit, kind, unitName } = shapeOf(policy?.quotaUnit ?? null, periodMs);
  // Drafts <= 07 state the limit itself; from 08 on it is the policy's quota.
  const quota = limit?.expiring ?? policy?.quota;
  return buildWindow(
    {
      id: name !== null ? windowId(name, fallbackId) : periodId(periodMs, fallbackId),
      kind,
      unit,
      label: withName(periodLabel(kind, unit, periodMs), [name, unitName].filter(Boolean).join(', ')),
      ...(quota ? { limit: quota } : {}),
      ...(limit?.remaining ? { remaining: limit.remaining } : {}),
      ...(limit?.reset ? { resetAt: limit.reset } : {}),
      periodMs,
    },
    input,
  );
}

/** What a quota unit (`qu`) means in the model; unknown units keep their name in the label. */
function shapeOf(
  quotaUnit: string | null,
  periodMs: number | null,
): { unit: Unit; kind: WindowKind; unitName: string | null } {
  const requestKind = periodMs === null ? 'custom' : requestKindForPeriod(periodMs);
  switch (quotaUnit) {
    case null:
    case 'request':
    case 'requests':
      return { unit: 'requests', kind: requestKind, unitName: null };
    case 'concurrent-requests':
      return { unit: 'connections', kind: 'concurrency', unitName: null };
    default:
      return { unit: 'points', kind: 'custom', unitName: quotaUnit.slice(0, 40) };
  }
}

function uniqueIds(windows: QuotaWindow[], input: ProfileInput): QuotaWindow[] {
  const seen = new Set<string>();
  return windows.filter((w) => {
    if (seen.has(w.id)) {
      input.warn(`two rate limits are both named "${w.id}"; only the first is shown`);
      return false;
    }
    seen.add(w.id);
    return true;
  });
}

function tryList(raw: string): List | null {
  try {
    return parseList(raw);
  } catch {
    return null;
  }
}

function tryDictionary(raw: string): Dictionary | null {
  try {
    return parseDictionary(raw);
  } catch {
    return null;
  }
}

function isItem(member: Item | InnerList): member is Item {
  return !Array.isArray(member[0]);
}

function itemName(bare: BareItem): string | null {
  if (typeof bare === 'string') return bare;
  if (bare instanceof Token) return bare.toString();
  return null;
}

function textParam(value: BareItem | undefined): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Token) return value.toString();
  return null;
}

function numberParam(value: BareItem, field: string): Parsed<number> {
  if (typeof value !== 'number') return { value: null, problem: `${field} is not a number` };
  return parseCount(String(value), field);
}

function deltaParam(value: BareItem, time: TimeContext): Parsed<number> {
  if (typeof value !== 'number') return { value: null, problem: 'reset is not a number of seconds' };
  return parseResetAt(String(value), 'delta-seconds', time);
}

function periodParam(value: BareItem | undefined, input: ProfileInput, header: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value * 1000)) {
    input.warn(`${header}: window "w" is not a positive number of seconds; ignored`);
    return null;
  }
  return value * 1000;
}
