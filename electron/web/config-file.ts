// `serve --config FILE`: keys declared in a JSON file, the server way to set Headroom up. Every field
// of the popover's key form has a name here; the token does not: `tokenEnv` names the environment
// variable that holds it, so no secret sits in the file. Unknown fields and bad values are refused
// with the file, the field and why, before anything starts or is written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  cycleSettingsSchema,
  keyConfigSchema,
  thresholdsSchema,
  VOUCHERIFY_REGIONS,
  type KeyConfig,
} from '../core/config/settings';
import { planOverridesSchema } from '../core/plans/plan';
import { VOUCHERIFY_PLAN_IDS, voucherifyEnterpriseSchema } from '../core/plans/voucherify';
import { ZOHO_EDITION_IDS, type ZohoEditionId } from '../core/plans/zoho';
import { customHeaderSpecSchema } from '../core/providers/custom';

export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name such as SHOP_TOKEN');

const common = {
  name: z.string().trim().min(1, 'give the key a name').max(60),
  tokenEnv: envName,
  path: z.string().optional(),
  cycle: cycleSettingsSchema.strict().optional(),
  thresholds: thresholdsSchema.optional(),
  overrides: planOverridesSchema.optional(),
  // Passive readings (docs/passive.md): a loopback proxy for the integration, and the dashboard's figure.
  proxy: z
    .object({ port: z.number().int('must be a whole number').min(0).max(65_535, 'must be 0 to 65535') })
    .strict()
    .optional(),
  reading: z
    .object({
      used: z.number().int('must be a whole number').nonnegative('cannot be negative').max(1e12),
      at: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-12-01T09:00:00Z' }),
    })
    .strict()
    .optional(),
};

const declaredKeySchema = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('voucherify'),
      region: z.enum(['eu', 'us1', 'as1', 'custom']).optional(),
      baseUrl: z.string().optional(),
      appId: z.string().trim().min(1).max(200),
      clientSide: z.boolean().optional(),
      plan: z.enum(VOUCHERIFY_PLAN_IDS),
      enterprise: voucherifyEnterpriseSchema.optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      provider: z.literal('zoho'),
      dataCentre: z.string(),
      edition: z.enum(ZOHO_EDITION_IDS as [ZohoEditionId, ...ZohoEditionId[]]),
      users: z.number().int().min(1).max(100_000),
      ...common,
    })
    .strict(),
  z
    .object({
      provider: z.literal('generic'),
      baseUrl: z.string(),
      method: z.enum(['GET', 'HEAD']).optional(),
      authHeader: z.string().optional(),
      authScheme: z.string().optional(),
      profile: z.string().optional(),
      custom: customHeaderSpecSchema.optional(),
      ...common,
    })
    .strict(),
]);
export type DeclaredKey = z.infer<typeof declaredKeySchema>;

const configFileSchema = z.object({ keys: z.array(declaredKeySchema).max(50) }).strict();

export interface ServeConfig {
  keys: KeyConfig[];
  /** Key id -> the environment variable holding its token. */
  tokenEnv: Map<string, string>;
  /** Key id -> its proxy and dashboard reading, for the keys that declare them. */
  passive?: Map<string, PassiveDeclaration>;
}

export interface PassiveDeclaration {
  proxy?: { port: number };
  reading?: { used: number; at: number };
}

/** Declared keys get ids from their names, so state and history follow a key across restarts. */
export function declaredKeyId(name: string): string {
  return `cfg-${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

export function isDeclaredKeyId(id: string): boolean {
  return /^cfg-[0-9a-f]{12}$/.test(id);
}

/** Reads and checks the file; every refusal is one line: `FILE: field: why`. */
export function loadServeConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): ServeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigFileError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigFileError(
      `${file}: is not valid JSON (${(err as Error).message.split('\n')[0]?.slice(0, 80)})`,
    );
  }
  return parseServeConfig(raw, file, env, now);
}

export function parseServeConfig(
  raw: unknown,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): ServeConfig {
  const fail = (path: readonly PropertyKey[], why: string): never => {
    throw new ConfigFileError(`${file}: ${fieldPath(path)}: ${why}`);
  };
  // A token typed into the file is refused by name, whatever else is wrong.
  (Array.isArray((raw as { keys?: unknown })?.keys) ? (raw as { keys: unknown[] }).keys : []).forEach(
    (k, i) => {
      if (k && typeof k === 'object' && ('token' in k || 'secrets' in k))
        fail(
          ['keys', i, 'token' in k ? 'token' : 'secrets'],
          'tokens are not read from files: put it in an environment variable and name that variable in tokenEnv',
        );
    },
  );
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue?.path ?? [], describe(issue));
  }
  const keys: KeyConfig[] = [];
  const tokenEnv = new Map<string, string>();
  const passive = new Map<string, PassiveDeclaration>();
  const proxyPorts = new Set<number>();
  const seen = new Set<string>();
  (parsed.data as z.infer<typeof configFileSchema>).keys.forEach((k, i) => {
    const id = declaredKeyId(k.name);
    if (seen.has(id)) fail(['keys', i, 'name'], `another key is already named "${k.name}"`);
    seen.add(id);
    if (!env[k.tokenEnv]) fail(['keys', i, 'tokenEnv'], `the environment variable ${k.tokenEnv} is not set`);
    const config = keyConfigSchema.safeParse({
      id,
      name: k.name,
      connection: connectionOf(k, (field, why) => fail(['keys', i, field], why)),
      plan: planOf(k),
      ...(k.cycle ? { cycle: k.cycle } : {}),
      ...(k.thresholds ? { thresholds: k.thresholds } : {}),
      demo: false,
      createdAt: now,
    });
    if (!config.success) {
      const issue = config.error.issues[0];
      // connection.baseUrl and plan.overrides read as the file's flat fields.
      const path = (issue?.path ?? []).filter((p) => p !== 'connection' && p !== 'plan');
      fail(['keys', i, ...path], describe(issue));
    } else {
      keys.push(config.data);
      tokenEnv.set(id, k.tokenEnv);
      if (k.proxy || k.reading) {
        if (k.proxy && k.proxy.port !== 0) {
          if (proxyPorts.has(k.proxy.port)) fail(['keys', i, 'proxy', 'port'], 'another key\'s proxy has this port');
          proxyPorts.add(k.proxy.port);
        }
        const at = k.reading ? Date.parse(k.reading.at) : null;
        if (at !== null && at > now + 60_000) fail(['keys', i, 'reading', 'at'], 'is in the future');
        passive.set(id, {
          ...(k.proxy ? { proxy: { port: k.proxy.port } } : {}),
          ...(k.reading && at !== null ? { reading: { used: k.reading.used, at } } : {}),
        });
      }
    }
  });
  return { keys, tokenEnv, passive };
}

function connectionOf(k: DeclaredKey, fail: (field: string, why: string) => never): unknown {
  const path = k.path === undefined ? {} : { path: k.path };
  switch (k.provider) {
    case 'voucherify': {
      const known = Object.entries(VOUCHERIFY_REGIONS).find(
        ([, url]) => url === k.baseUrl?.replace(/\/+$/, ''),
      );
      const region = k.region ?? (k.baseUrl === undefined ? 'eu' : known ? known[0] : 'custom');
      if (region !== 'custom' && k.baseUrl !== undefined && known?.[0] !== region)
        fail('baseUrl', `is not the ${region} region's address; leave it out or use region "custom"`);
      if (region === 'custom' && k.baseUrl === undefined) fail('baseUrl', 'region "custom" needs a baseUrl');
      return {
        provider: 'voucherify',
        region,
        ...(region === 'custom' ? { baseUrl: k.baseUrl } : {}),
        appId: k.appId,
        clientSide: k.clientSide ?? false,
        ...path,
      };
    }
    case 'zoho':
      return { provider: 'zoho', dataCentre: k.dataCentre, ...path };
    case 'generic':
      return {
        provider: 'generic',
        baseUrl: k.baseUrl,
        ...path,
        ...(k.method ? { method: k.method } : {}),
        ...(k.authHeader !== undefined ? { authHeader: k.authHeader } : {}),
        ...(k.authScheme !== undefined ? { authScheme: k.authScheme } : {}),
        ...(k.profile !== undefined ? { profile: k.profile } : {}),
        ...(k.custom ? { custom: k.custom } : {}),
      };
  }
}

function planOf(k: DeclaredKey): unknown {
  const overrides = k.overrides ? { overrides: k.overrides } : {};
  switch (k.provider) {
    case 'voucherify':
      return {
        provider: 'voucherify',
        plan: k.plan,
        ...(k.enterprise ? { enterprise: k.enterprise } : {}),
        ...overrides,
      };
    case 'zoho':
      return { provider: 'zoho', edition: k.edition, users: k.users, ...overrides };
    case 'generic':
      return { provider: 'other', ...overrides };
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the document';
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    '',
  );
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === undefined) return 'is invalid';
  return issue.message;
}
