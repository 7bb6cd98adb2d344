// The "Test key" answer: what a one-off probe saw, shaped for the key dialog, and the fingerprint
// that lets a key saved soon after reuse that probe instead of spending another call.
import type { KeyConfig } from '../core/config/settings';
import type { Plan } from '../core/plans/plan';
import type { WindowView } from '../core/quota/model';
import { mergeObservation, viewWindows } from '../core/quota/state';
import type { KeyInput, TestKeyResult } from '../ipc/contract';
import type { ProbeResult } from '../probe/probe';
import { emptyKeyRuntime } from './runtime-state';

/** Identifies the connection a test probe went to (same connection, same answer). */
export function fingerprint(input: { connection: KeyConfig['connection'] }): string {
  return JSON.stringify(input.connection);
}

export function testFailure(outcome: TestKeyResult['outcome'], message: string): TestKeyResult {
  return {
    ok: false,
    outcome,
    message,
    provider: null,
    status: null,
    latencyMs: null,
    windows: [],
    warnings: [],
  };
}

/** The test probe's result as the dialog shows it: the windows the answer itself reported. */
export function testResultOf(
  connection: KeyInput['connection'],
  plan: Plan | null,
  result: ProbeResult,
): TestKeyResult {
  const windows: WindowView[] = result.result
    ? viewWindows(
        mergeObservation(emptyKeyRuntime().quota, result.result, result.at),
        plan,
        result.at,
      ).filter((w) => w.source !== 'plan')
    : [];
  return {
    ok: result.outcome === 'ok' || result.outcome === 'blocked',
    outcome: result.outcome,
    message: result.message,
    // Zoho documents no quota headers: an answer from its API is Zoho's even when nothing could be read.
    provider:
      connection.provider === 'zoho' && result.outcome === 'ok' ? 'zoho' : (result.result?.provider ?? null),
    status: result.status,
    latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs),
    windows,
    warnings: result.result?.warnings ?? [],
    connection: connection.provider,
  };
}
