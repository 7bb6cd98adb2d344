// Access tokens for Zoho keys: minted from the refresh token before the current one expires, again at
// once when the API says a token is invalid, never more than once at a time per key, and not at all
// after Zoho said the refresh token or client is wrong (until the user enters new secrets). Tokens
// live in memory only; nothing here logs or returns a secret except the access token to its caller.
import { createHash } from 'node:crypto';
import type { RefreshFailure, TokenGrant } from './zoho-token-answer';
import { requestZohoToken, type RefreshRequest, type RequestToken } from './zoho-token-http';

/** Refresh this long before the expiry Zoho gave, so no probe goes out with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type AccessTokenResult =
  { ok: true; accessToken: string; refreshed: boolean } | { ok: false; failure: RefreshFailure };

interface Session {
  fingerprint: string;
  grant: TokenGrant | null;
  /** A permanent failure for these secrets, or a transient one with a retry time. */
  failure: RefreshFailure | null;
  inFlight: Promise<AccessTokenResult> | null;
  refreshes: number;
}

export interface ZohoTokenProviderOptions {
  now: () => number;
  request?: RequestToken;
  marginMs?: number;
}

export class ZohoTokenProvider {
  private readonly sessions = new Map<string, Session>();
  private readonly request: RequestToken;
  private readonly marginMs: number;

  constructor(private readonly opts: ZohoTokenProviderOptions) {
    this.request = opts.request ?? requestZohoToken;
    this.marginMs = opts.marginMs ?? REFRESH_MARGIN_MS;
  }

  /** A usable access token for the key: the cached one while it has life left, else a fresh one. */
  accessToken(keyId: string, req: RefreshRequest): Promise<AccessTokenResult> {
    const session = this.session(keyId, req);
    const now = this.opts.now();
    if (session.grant && session.grant.expiresAt - this.marginMs > now)
      return Promise.resolve({ ok: true, accessToken: session.grant.accessToken, refreshed: false });
    const f = session.failure;
    if (f && (f.permanent || (f.retryAt !== null && now < f.retryAt)))
      return Promise.resolve({ ok: false, failure: f });
    session.inFlight ??= this.refresh(session, req).finally(() => {
      session.inFlight = null;
    });
    return session.inFlight;
  }

  /** The API refused this token (401 INVALID_OAUTH_TOKEN): drop it so the next call refreshes. */
  invalidate(keyId: string, accessToken: string): void {
    const session = this.sessions.get(keyId);
    if (session?.grant?.accessToken === accessToken) session.grant = null;
  }

  /** The key was deleted or its secrets changed. */
  forget(keyId: string): void {
    this.sessions.delete(keyId);
  }

  /** The last refresh failure that still stands for the key, if any. */
  failure(keyId: string): RefreshFailure | null {
    return this.sessions.get(keyId)?.failure ?? null;
  }

  /** Refreshes made for the key since it was (re)configured: calls to the accounts server, not API credits. */
  refreshCount(keyId: string): number {
    return this.sessions.get(keyId)?.refreshes ?? 0;
  }

  private session(keyId: string, req: RefreshRequest): Session {
    const fingerprint = fingerprintOf(req);
    let s = this.sessions.get(keyId);
    if (!s || s.fingerprint !== fingerprint) {
      s = { fingerprint, grant: null, failure: null, inFlight: null, refreshes: 0 };
      this.sessions.set(keyId, s);
    }
    return s;
  }

  private async refresh(session: Session, req: RefreshRequest): Promise<AccessTokenResult> {
    session.refreshes += 1;
    const outcome = await this.request(req, this.opts.now);
    if (outcome.ok) {
      session.grant = outcome.grant;
      session.failure = null;
      return { ok: true, accessToken: outcome.grant.accessToken, refreshed: true };
    }
    session.grant = null;
    session.failure = outcome.failure;
    return { ok: false, failure: outcome.failure };
  }
}

/** Identifies the secrets without keeping them readable in the session table. */
function fingerprintOf(r: RefreshRequest): string {
  return createHash('sha256')
    .update([r.accountsUrl, r.clientId, r.clientSecret, r.refreshToken].join('\u0000'))
    .digest('hex');
}
