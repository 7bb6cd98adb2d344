// The monitor's own cost: every probe Headroom sends, per key and per billing cycle, and whether the
// provider will have billed it. Pure and serialisable (plain JSON, validated by zod when read back),
// so the shell can persist it and the forecaster can count it as part of the cycle's usage.
import { z } from 'zod';
import { PROBE_OUTCOMES, type ProbeOutcome, type ProbeResult } from './probe';

/**
 * billable: the provider counted it (an accepted call). free: it cannot have counted (a 429, a 401
 * naming no project, a 402, or nothing reached the API). uncertain: it may have (a timeout after the
 * request left, a server error, an odd answer).
 */
export type Billing = 'billable' | 'free' | 'uncertain';

export function billingOf(outcome: ProbeOutcome): Billing | null {
  switch (outcome) {
    case 'ok':
      return 'billable';
    case 'unauthorized':
    case 'blocked':
    case 'plan-exceeded':
    case 'dns':
    case 'connection':
    case 'tls':
      return 'free';
    case 'server-error':
    case 'timeout':
    case 'unexpected':
      return 'uncertain';
    case 'deferred':
      return null; // nothing was sent
  }
}

const epochMs = z.number().finite();
const count = z.number().int().nonnegative();

export const cycleSpendSchema = z.object({
  cycleStart: epochMs,
  cycleEnd: epochMs,
  /** Probes sent this cycle. */
  sent: count,
  billable: count,
  uncertain: count,
  /** Probes of an endpoint that costs no quota (GitHub's /rate_limit): not in `sent`, not budgeted. */
  free: count.optional(),
  byOutcome: z.partialRecord(z.enum(PROBE_OUTCOMES), count),
  lastAt: epochMs.nullable(),
});
export type CycleSpend = z.infer<typeof cycleSpendSchema>;

export const keySpendSchema = z.object({
  /** Newest last; at most MAX_CYCLES kept. */
  cycles: z.array(cycleSpendSchema),
  /** The provider's last "not before" (a 429's retry time): the monitor does not probe earlier. */
  retryAt: epochMs.nullable(),
});
export type KeySpend = z.infer<typeof keySpendSchema>;

export const spendLedgerSchema = z.object({
  version: z.literal(1),
  keys: z.record(z.string().min(1).max(300), keySpendSchema),
});
export type SpendLedger = z.infer<typeof spendLedgerSchema>;

/** Cycles of history kept per key (two years of monthly cycles). */
export const MAX_CYCLES = 24;

export function emptyLedger(): SpendLedger {
  return { version: 1, keys: {} };
}

export interface CycleWindow {
  start: number;
  end: number;
}

/** The ledger with one probe recorded against the key's cycle that contains it. Pure. */
export function recordProbe(
  ledger: SpendLedger,
  keyId: string,
  cycle: CycleWindow,
  probe: Pick<ProbeResult, 'outcome' | 'at' | 'retryAt' | 'sent'>,
  /** The endpoint costs no quota (isFreeGithubProbe): counted apart, never as spend. */
  freeEndpoint = false,
): SpendLedger {
  const billing = billingOf(probe.outcome);
  const key = ledger.keys[keyId] ?? { cycles: [], retryAt: null };
  // A 429 sets the key's retry time; any answered probe after it clears it.
  const retryAt =
    probe.outcome === 'blocked' ? probe.retryAt : probe.outcome === 'deferred' ? key.retryAt : null;
  if (!probe.sent || billing === null) {
    return { ...ledger, keys: { ...ledger.keys, [keyId]: { ...key, retryAt } } };
  }
  const cycles = [...key.cycles];
  let i = cycles.findIndex((c) => c.cycleStart === cycle.start && c.cycleEnd === cycle.end);
  if (i < 0) {
    cycles.push(emptyCycle(cycle));
    cycles.sort((a, b) => a.cycleStart - b.cycleStart);
    i = cycles.findIndex((c) => c.cycleStart === cycle.start && c.cycleEnd === cycle.end);
  }
  const c = cycles[i] as CycleSpend;
  cycles[i] = freeEndpoint
    ? { ...c, free: (c.free ?? 0) + 1, lastAt: c.lastAt === null ? probe.at : Math.max(c.lastAt, probe.at) }
    : {
        ...c,
        sent: c.sent + 1,
        billable: c.billable + (billing === 'billable' ? 1 : 0),
        uncertain: c.uncertain + (billing === 'uncertain' ? 1 : 0),
        byOutcome: { ...c.byOutcome, [probe.outcome]: (c.byOutcome[probe.outcome] ?? 0) + 1 },
        lastAt: c.lastAt === null ? probe.at : Math.max(c.lastAt, probe.at),
      };
  return {
    ...ledger,
    keys: { ...ledger.keys, [keyId]: { cycles: cycles.slice(-MAX_CYCLES), retryAt } },
  };
}

/** The key's spend in the cycle containing `at`; zeros when it made no probe there. */
export function spendAt(ledger: SpendLedger, keyId: string, cycle: CycleWindow): CycleSpend {
  const found = ledger.keys[keyId]?.cycles.find(
    (c) => c.cycleStart === cycle.start && c.cycleEnd === cycle.end,
  );
  return found ?? emptyCycle(cycle);
}

function emptyCycle(cycle: CycleWindow): CycleSpend {
  return {
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
    sent: 0,
    billable: 0,
    uncertain: 0,
    byOutcome: {},
    lastAt: null,
  };
}

/** The key's retry time, if one still stands at `now`. */
export function retryAtFor(ledger: SpendLedger, keyId: string, now: number): number | null {
  const r = ledger.keys[keyId]?.retryAt ?? null;
  return r !== null && r > now ? r : null;
}

/** Reads a ledger from untrusted JSON; a clear error naming the first problem when it is not one. */
export function readLedger(json: unknown): SpendLedger {
  const parsed = spendLedgerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new Error(`not a Headroom spend ledger (${where}${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}
