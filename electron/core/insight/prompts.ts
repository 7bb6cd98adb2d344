// What the card asks the user instead of showing a silent figure: a dashboard reading above the plan's
// cycle limit, a plan the response headers contradict, a clock that is off, a second key for the same
// project. Pure: the service passes what it knows; the renderer shows `text` and offers `actions`.
import type { KeyConfig } from '../config/settings';
import type { PlanChoice } from '../plans/catalog';
import type { Plan } from '../plans/plan';
import { VOUCHERIFY_PLAN_IDS, voucherifyPlan } from '../plans/voucherify';
import type { WindowView } from '../quota/model';
import type { Formatter } from '../view/format';
import { formatSpan } from '../text/format';

export type PromptAction =
  /** Opens the key's form (change the plan or its limits). */
  | { kind: 'edit'; label: string }
  /** Opens the dashboard-reading form (correct the reading). */
  | { kind: 'reading'; label: string }
  /** One click: saves the key with this plan (nothing else changes). */
  | { kind: 'set-plan'; label: string; plan: PlanChoice };

export interface KeyPrompt {
  id: 'reading-above-limit' | 'plan-mismatch' | 'clock-skew' | 'duplicate';
  text: string;
  actions: PromptAction[];
}

// ---------------------------------------------------------------------------------------------
// 3. A dashboard reading above the plan's cycle limit

/**
 * The latest reading of the cycle when it is above the plan's cycle limit and no cycle breach came
 * after it: the API still answers, so the plan's limit (or the reading) is wrong, not the quota used up.
 */
export function readingAboveLimit(
  reading: { at: number; used: number } | null,
  cycleLimit: number | null,
  cycleBreaches: readonly number[],
): { at: number; used: number } | null {
  if (!reading || cycleLimit === null || reading.used <= cycleLimit) return null;
  if (cycleBreaches.some((b) => b >= reading.at)) return null;
  return reading;
}

export function readingAboveLimitPrompt(
  reading: { used: number },
  cycleLimit: number,
  planName: string | null,
  fmt: Formatter,
): KeyPrompt {
  const plan = planName ? `the ${planName} plan’s` : 'the plan’s';
  return {
    id: 'reading-above-limit',
    text: `Your reading (${fmt.count(reading.used)}) is above ${plan} ${fmt.count(cycleLimit)}: is the plan right?`,
    actions: [
      { kind: 'edit', label: 'Change plan' },
      { kind: 'reading', label: 'Correct the reading' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 5a. A plan the headers contradict

const REQUEST_KINDS = new Set(['requests-hour', 'requests-minute']);

/** The request window the headers reported (not a plan figure, not a breach's guess), if any. */
function observedRequestWindow(windows: readonly WindowView[]): WindowView | null {
  return (
    windows.find(
      (w) => w.id === 'api_calls' && REQUEST_KINDS.has(w.kind) && w.source === 'header' && w.limit !== null,
    ) ?? null
  );
}

/**
 * When the limit the headers report for the request window differs from the plan's: the plans whose
 * limit fits (Voucherify's catalogue; none for a custom plan), for a one-click fix.
 */
export function planMismatch(
  choice: PlanChoice,
  plan: Plan | null,
  windows: readonly WindowView[],
): {
  observed: WindowView;
  planLimit: number;
  planPer: 'hour' | 'minute';
  fits: { id: string; name: string; choice: PlanChoice }[];
} | null {
  const observed = observedRequestWindow(windows);
  const planWindow = plan?.windows.find((w) => w.id === 'api_calls');
  if (!observed || !planWindow || observed.limit === planWindow.limit) return null;
  // Only catalogue plans can be offered (Enterprise and custom limits: the form is the fix).
  const fits: { id: string; name: string; choice: PlanChoice }[] = [];
  if (choice.provider === 'voucherify') {
    for (const id of VOUCHERIFY_PLAN_IDS) {
      if (id === 'enterprise' || id === choice.plan) continue;
      const candidate = voucherifyPlan(id);
      const w = candidate.windows.find((x) => x.id === 'api_calls');
      if (w && w.kind === observed.kind && w.limit === observed.limit) {
        const { api_calls: _dropped, ...overrides } = choice.overrides ?? {};
        fits.push({
          id,
          name: candidate.name,
          choice: {
            provider: 'voucherify',
            plan: id,
            ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
          },
        });
      }
    }
  }
  const planPer = planWindow.kind === 'requests-minute' ? 'minute' : 'hour';
  return { observed, planLimit: planWindow.limit, planPer, fits };
}

export function planMismatchPrompt(
  m: NonNullable<ReturnType<typeof planMismatch>>,
  planName: string | null,
  fmt: Formatter,
): KeyPrompt {
  const per = m.observed.kind === 'requests-minute' ? 'minute' : 'hour';
  const said = `The API says ${fmt.count(m.observed.limit ?? 0)} requests / ${per}`;
  // The plan's figure names its period only when it differs (Business is per minute).
  const planFigure = `${fmt.count(m.planLimit)}${m.planPer === per ? '' : ` / ${m.planPer}`}`;
  const plan = planName ? `${planName} allows ${planFigure}` : `the plan says ${planFigure}`;
  if (m.fits.length === 0)
    return {
      id: 'plan-mismatch',
      text: `${said}, but ${plan}: check the plan’s limits.`,
      actions: [{ kind: 'edit', label: 'Change plan' }],
    };
  const names = m.fits.map((f) => f.name).join(' or ');
  return {
    id: 'plan-mismatch',
    text: `${said}, ${names}’s limit, but ${plan}: is the plan ${names}?`,
    actions: [
      ...m.fits.map((f) => ({ kind: 'set-plan' as const, label: `Switch to ${f.name}`, plan: f.choice })),
      { kind: 'edit', label: 'Change plan' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 5b. A clock that is off

/** A Date header this far from the local clock is a wrong clock, not latency (parse.ts warns at 60 s). */
export const SKEW_PROMPT_MS = 5 * 60_000;

/**
 * Windows whose reset lies further ahead than the window is long (an hourly window "resetting in
 * 3 d 11 h"), and the clocks' offset: the Date header's when it is large, else at least how far past
 * its length the reset lies. Null when nothing is off.
 */
export function clockSkew(
  windows: readonly WindowView[],
  clockSkewMs: number | null,
  now: number,
): { offsetMs: number; windowIds: string[] } | null {
  const windowIds: string[] = [];
  let beyond = 0;
  for (const w of windows) {
    if (w.resetAt === null || w.periodMs === null || w.source === 'plan') continue;
    // A minute of slack for the Date header's resolution and the round trip.
    const excess = w.resetAt - now - w.periodMs;
    if (excess > Math.max(60_000, 0.05 * w.periodMs)) {
      windowIds.push(w.id);
      beyond = Math.max(beyond, excess);
    }
  }
  const headerSkew = clockSkewMs !== null && Math.abs(clockSkewMs) >= SKEW_PROMPT_MS ? clockSkewMs : null;
  if (headerSkew === null && windowIds.length === 0) return null;
  // The countdowns run on the local clock: with a skewed one every reset time is off by as much.
  if (headerSkew !== null)
    for (const w of windows) if (w.resetAt !== null && !windowIds.includes(w.id)) windowIds.push(w.id);
  return { offsetMs: headerSkew !== null ? Math.abs(headerSkew) : beyond, windowIds };
}

export function clockSkewPrompt(skew: { offsetMs: number }): KeyPrompt {
  return {
    id: 'clock-skew',
    text: `Your clock or the server’s is off by about ${formatSpan(skew.offsetMs)}: reset times are not shown until they agree.`,
    actions: [],
  };
}

/** The windows with a doubtful reset: flagged, and no countdown is shown as fact. */
export function withoutSkewedResets(windows: WindowView[], ids: readonly string[]): WindowView[] {
  if (ids.length === 0) return windows;
  const why = 'reset time doubtful: the clocks disagree';
  return windows.map((w) =>
    ids.includes(w.id) ? { ...w, resetAt: null, flag: w.flag ? `${w.flag}; ${why}` : why } : w,
  );
}

// ---------------------------------------------------------------------------------------------
// 6. Two keys for the same project

/**
 * What identifies the project a key monitors, as comparable strings: the provider and the API's host,
 * with the project's public identifier (Voucherify's App ID, a Zoho self client's Client ID) and, when
 * the service has one, a fingerprint of the secret (a keyed hash computed in main; never the secret,
 * and never sent to the renderer). Two keys sharing any identity monitor the same project.
 */
export function projectIdentities(
  connection: KeyConfig['connection'],
  baseUrl: string,
  secretFingerprint: string | null,
): string[] {
  let host: string;
  try {
    host = new URL(baseUrl).host.toLowerCase();
  } catch {
    host = baseUrl;
  }
  const scope = `${connection.provider}|${host}`;
  const ids: string[] = [];
  if (connection.provider === 'voucherify')
    ids.push(`${scope}|${connection.clientSide ? 'client' : 'app'}:${connection.appId.trim()}`);
  if (connection.provider === 'zoho' && connection.clientId)
    ids.push(`${scope}|client:${connection.clientId.trim()}`);
  if (secretFingerprint) ids.push(`${scope}|secret:${secretFingerprint}`);
  return ids;
}

/** For each key, the other keys that share one of its identities (keys without a twin are absent). */
export function duplicateKeys(
  keys: readonly { id: string; name: string; identities: readonly string[] }[],
): Map<string, { id: string; name: string }[]> {
  const byIdentity = new Map<string, { id: string; name: string }[]>();
  for (const k of keys)
    for (const i of new Set(k.identities)) {
      const list = byIdentity.get(i) ?? [];
      list.push({ id: k.id, name: k.name });
      byIdentity.set(i, list);
    }
  const out = new Map<string, { id: string; name: string }[]>();
  for (const list of byIdentity.values()) {
    if (list.length < 2) continue;
    for (const k of list) {
      const others = out.get(k.id) ?? [];
      for (const o of list) if (o.id !== k.id && !others.some((x) => x.id === o.id)) others.push(o);
      out.set(k.id, others);
    }
  }
  return out;
}

export function duplicateText(otherNames: readonly string[]): string {
  const who = otherNames.length === 1 ? `“${otherNames[0]}”` : otherNames.map((n) => `“${n}”`).join(' and ');
  return `${who} already ${otherNames.length === 1 ? 'monitors' : 'monitor'} this project: a second key doubles the probes.`;
}

export function duplicatePrompt(others: readonly { name: string }[]): KeyPrompt {
  return {
    id: 'duplicate',
    text: duplicateText(others.map((o) => o.name)),
    actions: [{ kind: 'edit', label: 'Edit key' }],
  };
}
