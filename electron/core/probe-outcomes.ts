// How a probe can end. One list for the probe, the spend ledger, the persisted state and the views.
export const PROBE_OUTCOMES = [
  'ok',
  'unauthorized',
  'blocked',
  'plan-exceeded',
  'server-error',
  'timeout',
  'dns',
  'connection',
  'tls',
  'unexpected',
  /** Not sent: asked before the provider's retry time. */
  'deferred',
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];
