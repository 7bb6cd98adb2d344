// What Zoho's accounts server said to a refresh-token grant, as facts and as words a user can act on
// (zoho.com/accounts/protocol/oauth/...: access tokens last 1 h; a refresh token may mint at most 10
// access tokens in 10 minutes; errors come as {"error": "..."}, often with HTTP 200). Pure.
import { z } from 'zod';

export const REFRESH_FAILURES = [
  'revoked',
  'wrong-client',
  'wrong-secret',
  'rate-limited',
  'network',
  'server',
  'unexpected',
] as const;
export type RefreshFailureReason = (typeof REFRESH_FAILURES)[number];

export interface RefreshFailure {
  reason: RefreshFailureReason;
  /** True when retrying with the same secrets cannot succeed: the user must act. */
  permanent: boolean;
  /** One line for the user: why, and what to do. Never holds a secret. */
  message: string;
  /** No refresh before this (rate limit); null when not told. */
  retryAt: number | null;
}

export interface TokenGrant {
  accessToken: string;
  /** Local time the token stops working (epoch ms). */
  expiresAt: number;
  /** The API domain Zoho names for the account (informational). */
  apiDomain: string | null;
}

/** Zoho's access tokens last an hour; used when an answer omits expires_in. */
export const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000;
/** Zoho's documented limit: 10 access tokens per refresh token per 10 minutes. */
export const TOKEN_RATE_WINDOW_MS = 10 * 60_000;

const grantSchema = z.object({
  access_token: z.string().min(8).max(2000),
  expires_in: z.coerce
    .number()
    .int()
    .positive()
    .max(86_400 * 30)
    .optional(),
  api_domain: z.string().max(200).optional(),
  token_type: z.string().max(40).optional(),
});

const errorSchema = z.object({
  error: z.string().max(200),
  error_description: z.string().max(500).optional(),
});

/** Classifies one answer of the token endpoint, received at `now`. */
export function readTokenAnswer(
  status: number,
  body: unknown,
  now: number,
  where: { accountsHost: string },
): { ok: true; grant: TokenGrant } | { ok: false; failure: RefreshFailure } {
  const grant = grantSchema.safeParse(body);
  if (status >= 200 && status < 300 && grant.success) {
    const seconds = grant.data.expires_in;
    return {
      ok: true,
      grant: {
        accessToken: grant.data.access_token,
        expiresAt: now + (seconds === undefined ? DEFAULT_TOKEN_LIFETIME_MS : seconds * 1000),
        apiDomain: grant.data.api_domain ?? null,
      },
    };
  }
  const err = errorSchema.safeParse(body);
  const code = err.success ? err.data.error.trim() : null;
  const host = where.accountsHost;
  const fail = (reason: RefreshFailureReason, message: string, retryAt: number | null = null) => ({
    ok: false as const,
    failure: { reason, permanent: PERMANENT.has(reason), message, retryAt },
  });
  if (code === 'invalid_code' || code === 'invalid_token' || code === 'invalid_grant')
    return fail(
      'revoked',
      `Zoho no longer accepts the refresh token (${code}): it was revoked, has expired, or belongs to another data centre. Generate a new one for the self client in the Zoho API Console and enter it (Edit key).`,
    );
  if (code === 'invalid_client')
    return fail(
      'wrong-client',
      `${host} does not know this Client ID (invalid_client): check the Client ID, and that the data centre is the one your Zoho account is in (Edit key).`,
    );
  if (code === 'invalid_client_secret')
    return fail(
      'wrong-secret',
      'The client secret does not belong to this Client ID (invalid_client_secret): copy it again from the self client in the Zoho API Console (Edit key).',
    );
  if (
    status === 429 ||
    (code !== null && /access denied|too many/i.test(`${code} ${err.data?.error_description ?? ''}`))
  )
    return fail(
      'rate-limited',
      'Zoho refused a new access token for now: a refresh token may mint at most 10 access tokens in 10 minutes. Headroom waits and tries again.',
      now + TOKEN_RATE_WINDOW_MS,
    );
  if (status >= 500)
    return fail(
      'server',
      `Zoho's accounts server had an error (${status}): Headroom tries again at the next check.`,
    );
  return fail(
    'unexpected',
    code
      ? `Zoho refused to refresh the access token (${code.slice(0, 60)}): check the Client ID, client secret, refresh token and data centre (Edit key).`
      : `${host} did not answer like Zoho's accounts server (HTTP ${status}): check the data centre.`,
  );
}

const PERMANENT: ReadonlySet<RefreshFailureReason> = new Set(['revoked', 'wrong-client', 'wrong-secret']);

/** The words for a refresh that never got an answer (DNS, refused, timeout). */
export function networkFailure(detail: string, host: string): RefreshFailure {
  return {
    reason: 'network',
    permanent: false,
    message: `Could not reach Zoho's accounts server ${host} to refresh the access token (${detail}): Headroom tries again at the next check.`,
    retryAt: null,
  };
}
