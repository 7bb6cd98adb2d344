// Settings migrations, hand-written and keyed by `schemaVersion`. A file without a version is the
// pre-release v0 shape. Each step turns version N into N+1; the result is validated with the current
// schema. What cannot be read is salvaged section by section (a bad key drops that key, not the
// others), and the caller backs up the original file before anything is lost.
//
// v0 (pre-release, Voucherify only):
//   { budgetPercent?, intervalMinutes?, notify?, theme?, launchAtLogin?,
//     keys: [{ id?, name, region?, appId, token?, plan: "Startup", renewalDay?, thresholds?: [0.8, 0.9] }] }
//   Tokens sat in the settings file in plain text. v0 -> v1 moves them out: they are returned in
//   `secrets` for the vault and never appear in the migrated settings.
import {
  defaultSettings,
  keyConfigSchema,
  monitoringSchema,
  notificationSettingsSchema,
  parseSettings,
  SETTINGS_VERSION,
  themeSchema,
  type KeyConfig,
  type Settings,
} from './settings';

export type MigrationOutcome =
  /** Already current and valid. */
  | 'current'
  /** Upgraded from an older version; save the result. */
  | 'migrated'
  /** Valid JSON but parts could not be read: those parts were replaced or dropped. Back up, then save. */
  | 'recovered'
  /** Written by a newer Headroom: not understood. Back up, load defaults. */
  | 'unsupported'
  /** Not settings at all (not an object). Back up, load defaults. */
  | 'invalid';

export interface MigrationResult {
  settings: Settings;
  outcome: MigrationOutcome;
  /** The version the file was in (0 when it had none; null when unreadable). */
  fromVersion: number | null;
  /** What the user should know, in plain words (the caller adds where the backup is). */
  notices: string[];
  /** Tokens found in an old file, to move into the vault; never written back to settings. */
  secrets: { keyId: string; secret: string }[];
}

interface StepContext {
  now: number;
  secrets: { keyId: string; secret: string }[];
  notices: string[];
}

type Step = (raw: Record<string, unknown>, ctx: StepContext) => Record<string, unknown>;

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: Record<number, Step> = {
  0: migrateV0toV1,
};

export function migrateSettings(raw: unknown, options: { now: number }): MigrationResult {
  const ctx: StepContext = { now: options.now, secrets: [], notices: [] };
  if (
    raw === undefined ||
    (isObject(raw) && Object.keys(raw).filter((k) => k !== '__internal__').length === 0)
  ) {
    // A fresh install: no file, or an empty one.
    return {
      settings: defaultSettings(),
      outcome: 'current',
      fromVersion: SETTINGS_VERSION,
      notices: [],
      secrets: [],
    };
  }
  if (!isObject(raw)) {
    return {
      settings: defaultSettings(),
      outcome: 'invalid',
      fromVersion: null,
      notices: ['The settings file did not contain settings; Headroom started with default settings.'],
      secrets: [],
    };
  }
  const version = raw.schemaVersion === undefined ? 0 : raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return {
      settings: defaultSettings(),
      outcome: 'invalid',
      fromVersion: null,
      notices: ['The settings file has no readable format version; Headroom started with default settings.'],
      secrets: [],
    };
  }
  if (version > SETTINGS_VERSION) {
    return {
      settings: defaultSettings(),
      outcome: 'unsupported',
      fromVersion: version,
      notices: [
        `The settings were saved by a newer version of Headroom (format ${version}; this one reads up to ${SETTINGS_VERSION}). Headroom started with default settings; update Headroom to get them back.`,
      ],
      secrets: [],
    };
  }

  let current: Record<string, unknown> = { ...raw };
  delete current.__internal__;
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no settings migration from version ${v}`);
    current = { ...step(current, ctx), schemaVersion: v + 1 };
  }

  const parsed = parseSettings(current);
  if (parsed.success) {
    return {
      settings: parsed.data,
      outcome: version < SETTINGS_VERSION ? 'migrated' : 'current',
      fromVersion: version,
      notices: ctx.notices,
      secrets: ctx.secrets.filter((s) => parsed.data.keys.some((k) => k.id === s.keyId)),
    };
  }
  const salvaged = salvage(current, ctx.notices);
  return {
    settings: salvaged,
    outcome: 'recovered',
    fromVersion: version,
    notices: ctx.notices,
    // A token whose key could not be kept is dropped with it, never kept anywhere.
    secrets: ctx.secrets.filter((s) => salvaged.keys.some((k) => k.id === s.keyId)),
  };
}

/** Keeps every section and key that is valid on its own; replaces or drops the rest, saying which. */
function salvage(raw: Record<string, unknown>, notices: string[]): Settings {
  const out = defaultSettings();
  const sections = [
    ['monitoring', monitoringSchema, 'monitoring budget'],
    ['notifications', notificationSettingsSchema, 'notification'],
    ['theme', themeSchema, 'appearance'],
  ] as const;
  const reset: string[] = [];
  for (const [name, schema, words] of sections) {
    if (raw[name] === undefined) continue;
    // Fill a partial section from the defaults first, as parseSettings does.
    const value = isObject(raw[name]) ? { ...(out[name] as object), ...raw[name] } : raw[name];
    const r = schema.safeParse(value);
    if (r.success) (out as Record<string, unknown>)[name] = r.data;
    else reset.push(words);
  }
  if (raw.launchAtLogin !== undefined) {
    if (typeof raw.launchAtLogin === 'boolean') out.launchAtLogin = raw.launchAtLogin;
    else reset.push('launch at login');
  }
  if (reset.length > 0) notices.push(`Unreadable ${reset.join(', ')} settings were reset to their defaults.`);

  const keys: KeyConfig[] = [];
  const dropped: string[] = [];
  const list = Array.isArray(raw.keys) ? raw.keys : [];
  if (raw.keys !== undefined && !Array.isArray(raw.keys)) dropped.push('the key list');
  for (const k of list) {
    const r = keyConfigSchema.safeParse(k);
    if (r.success && !keys.some((x) => x.id === r.data.id) && keys.length < 50) keys.push(r.data);
    else
      dropped.push(isObject(k) && typeof k.name === 'string' ? `"${k.name.slice(0, 60)}"` : 'an unnamed key');
  }
  out.keys = keys;
  if (dropped.length > 0)
    notices.push(
      `${dropped.length === 1 ? 'One key' : `${dropped.length} keys`} could not be read and ${
        dropped.length === 1 ? 'was' : 'were'
      } left out (${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? ', …' : ''}); add ${
        dropped.length === 1 ? 'it' : 'them'
      } again.`,
    );
  return out;
}

// ---------------------------------------------------------------------------------------------
// v0 -> v1

function migrateV0toV1(raw: Record<string, unknown>, ctx: StepContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const monitoring: Record<string, unknown> = {};
  if (typeof raw.budgetPercent === 'number') monitoring.budgetPercent = raw.budgetPercent;
  if (typeof raw.intervalMinutes === 'number')
    monitoring.minIntervalMinutes = Math.round(raw.intervalMinutes);
  if (Object.keys(monitoring).length > 0) out.monitoring = monitoring;
  if (typeof raw.notify === 'boolean') out.notifications = { enabled: raw.notify };
  if (raw.theme !== undefined) out.theme = raw.theme;
  if (raw.launchAtLogin !== undefined) out.launchAtLogin = raw.launchAtLogin;

  const keys: unknown[] = [];
  const used = new Set<string>();
  (Array.isArray(raw.keys) ? raw.keys : []).forEach((k: unknown, i: number) => {
    if (!isObject(k)) {
      keys.push(k); // left for the validator to report
      return;
    }
    const id = uniqueId(
      typeof k.id === 'string' && /^[a-z0-9-]{4,40}$/.test(k.id) ? k.id : slug(k.name, i),
      used,
    );
    if (typeof k.token === 'string' && k.token.length > 0) ctx.secrets.push({ keyId: id, secret: k.token });
    // v0 stored the plan's display name ("Startup"); v1 uses ids. An unknown plan fails validation
    // below and the key is reported, not guessed.
    const plan = typeof k.plan === 'string' ? k.plan.trim().toLowerCase() : k.plan;
    keys.push({
      id,
      name: k.name,
      connection: {
        provider: 'voucherify',
        region: typeof k.region === 'string' ? k.region : 'eu',
        appId: k.appId,
        clientSide: false,
      },
      plan: { provider: 'voucherify', plan },
      cycle: { renewalDay: typeof k.renewalDay === 'number' ? k.renewalDay : 1, timeZone: 'UTC' },
      ...(k.thresholds !== undefined ? { thresholds: percentThresholds(k.thresholds) } : {}),
      demo: false,
      createdAt: ctx.now,
    });
  });
  out.keys = keys;
  return out;
}

/** v0 thresholds were shares (0.8); v1 uses whole percentages (80). */
function percentThresholds(value: unknown): unknown {
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'number' && t > 0 && t <= 1)) return value;
  return value.map((t: number) => Math.round(t * 100));
}

function slug(name: unknown, index: number): string {
  const base =
    typeof name === 'string'
      ? name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 30)
      : '';
  return base.length >= 4 ? base : `key-${index + 1}`.padEnd(4, '0');
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id.slice(0, 36)}-${n}`;
  used.add(candidate);
  return candidate;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
