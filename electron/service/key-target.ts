// A configured key and its secret, as a probe target; and its plan. The secret only passes through.
import { baseUrlOf, type Connection, type KeyConfig } from '../core/config/settings';
import { planLimits, type Plan } from '../core/plans/plan';
import { resolvePlan } from '../core/plans/catalog';
import type { ParseHints } from '../core/providers/profile';
import { makeTarget, type Credentials, type ProbeTarget } from '../probe/targets';

export function planOf(config: Pick<KeyConfig, 'plan'>): Plan | null {
  return resolvePlan(config.plan);
}

/** What the parser should know from the plan: the request window's length and the plan's limits. */
export function hintsOf(plan: Plan | null): ParseHints {
  if (!plan) return {};
  const request = plan.windows.find((w) => w.id === 'api_calls');
  return {
    ...(request?.periodMs ? { requestPeriodMs: request.periodMs } : {}),
    planLimits: planLimits(plan),
  };
}

function credentialsOf(c: Connection, secret: string): Credentials {
  switch (c.provider) {
    case 'voucherify':
      return c.clientSide
        ? { kind: 'voucherify-client', clientId: c.appId, clientToken: secret }
        : { kind: 'voucherify-app', appId: c.appId, appToken: secret };
    case 'zoho':
      return { kind: 'zoho-oauth', token: secret };
    case 'generic':
      if (c.authHeader.toLowerCase() === 'authorization' && c.authScheme.toLowerCase() === 'bearer')
        return { kind: 'bearer', token: secret };
      return {
        kind: 'header',
        name: c.authHeader,
        value: c.authScheme ? `${c.authScheme} ${secret}` : secret,
      };
  }
}

/** Throws TargetError with a user-facing message when the configuration cannot be probed. */
export function targetOf(
  config: Pick<KeyConfig, 'id' | 'connection' | 'plan'>,
  secret: string,
  timeoutMs?: number,
): ProbeTarget {
  const c = config.connection;
  return makeTarget({
    keyId: config.id,
    provider: c.provider,
    baseUrl: baseUrlOf(c),
    ...(c.path ? { path: c.path } : {}),
    ...(c.provider === 'generic'
      ? {
          method: c.method,
          profile: c.profile,
          ...(c.profile === 'custom' && c.custom ? { custom: c.custom } : {}),
        }
      : {}),
    credentials: credentialsOf(c, secret),
    hints: hintsOf(planOf(config)),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
}
