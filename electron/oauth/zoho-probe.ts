// A probe of a Zoho key with OAuth: an access token from the token provider (refreshed before it
// expires), the probe, and, when the API answers 401 (INVALID_OAUTH_TOKEN: expired early, deleted,
// or minted elsewhere), one refresh and one retry. A refresh is a call to the accounts server, not an
// API credit: a probe that could not get a token is reported as not sent, so the spend ledger does not
// count it. Keys stored before OAuth (a bare access token) are probed as they are.
import { zohoAccountsUrl, type KeyConfig } from '../core/config/settings';
import type { ProbeOutcome } from '../core/probe-outcomes';
import type { ProbeResult } from '../probe/probe';
import { removeSecrets } from '../probe/redact';
import type { ProbeTarget } from '../probe/targets';
import { targetOf } from '../service/key-target';
import type { RefreshFailure } from './zoho-token-answer';
import { decodeZohoSecret } from './zoho-secret';
import type { ZohoTokenProvider } from './zoho-tokens';

export interface ZohoProbeInput {
  config: Pick<KeyConfig, 'id' | 'connection' | 'plan'>;
  /** What the vault holds for the key. */
  secret: string;
  tokens: ZohoTokenProvider;
  now: () => number;
  /** Sends one probe (the service's bounded, logged probe). */
  send: (target: ProbeTarget) => Promise<ProbeResult>;
}

export interface ZohoProbeResult {
  result: ProbeResult;
  /** Set when the access token could not be refreshed: why, and whether the user must act. */
  refreshFailure: RefreshFailure | null;
}

/** True for a Zoho key whose vault entry holds the OAuth secrets (not a legacy access token). */
export function usesZohoOAuth(config: Pick<KeyConfig, 'connection'>, secret: string): boolean {
  return config.connection.provider === 'zoho' && decodeZohoSecret(secret).kind === 'oauth';
}

export function accountsUrlOf(connection: KeyConfig['connection']): string | null {
  if (connection.provider !== 'zoho') return null;
  return connection.accountsUrl ?? zohoAccountsUrl(connection.dataCentre);
}

export async function probeZoho(input: ZohoProbeInput): Promise<ZohoProbeResult> {
  const { config, tokens } = input;
  const c = config.connection;
  const stored = decodeZohoSecret(input.secret);
  if (c.provider !== 'zoho' || stored.kind !== 'oauth')
    return {
      result: await input.send(targetOf(config, stored.kind === 'oauth' ? '' : stored.token)),
      refreshFailure: null,
    };
  const secrets = [stored.clientSecret, stored.refreshToken];
  if (!c.clientId)
    return {
      result: notSent(
        config.id,
        input.now(),
        'unexpected',
        'Enter the Client ID of the Zoho self client (Edit key).',
        null,
      ),
      refreshFailure: null,
    };
  const req = {
    accountsUrl: accountsUrlOf(c) as string,
    clientId: c.clientId,
    clientSecret: stored.clientSecret,
    refreshToken: stored.refreshToken,
  };

  let token = await tokens.accessToken(config.id, req);
  if (!token.ok)
    return {
      result: refreshFailed(config.id, input.now(), token.failure, secrets),
      refreshFailure: token.failure,
    };
  let result = await input.send(targetOf(config, token.accessToken));
  if (result.status === 401 && !token.refreshed) {
    // The cached token stopped working before its time: one fresh token, one retry.
    tokens.invalidate(config.id, token.accessToken);
    token = await tokens.accessToken(config.id, req);
    if (!token.ok)
      return {
        result: refreshFailed(config.id, input.now(), token.failure, secrets),
        refreshFailure: token.failure,
      };
    result = await input.send(targetOf(config, token.accessToken));
  }
  if (result.status === 401) {
    // A token minted a moment ago was refused: not an expiry, so refreshing again would not help.
    tokens.invalidate(config.id, token.accessToken);
    result = {
      ...result,
      message: removeSecrets(
        'Zoho CRM refused a freshly refreshed access token (401): check that the data centre is the one your Zoho account is in, and that the refresh token was generated with the scope ZohoCRM.org.READ (Edit key).',
        secrets,
      ),
    };
  }
  return { result, refreshFailure: null };
}

const OUTCOME_OF: Record<RefreshFailure['reason'], ProbeOutcome> = {
  revoked: 'unauthorized',
  'wrong-client': 'unauthorized',
  'wrong-secret': 'unauthorized',
  'rate-limited': 'deferred',
  network: 'connection',
  server: 'server-error',
  unexpected: 'unexpected',
};

function refreshFailed(keyId: string, at: number, f: RefreshFailure, secrets: string[]): ProbeResult {
  return notSent(keyId, at, OUTCOME_OF[f.reason], removeSecrets(f.message, secrets), f.retryAt);
}

/** No API call was made (so no credit spent): the outcome of getting a token, or of the key's setup. */
function notSent(
  keyId: string,
  at: number,
  outcome: ProbeOutcome,
  message: string,
  retryAt: number | null,
): ProbeResult {
  return { keyId, outcome, at, latencyMs: null, status: null, result: null, message, retryAt, sent: false };
}
