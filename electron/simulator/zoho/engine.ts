// A Zoho CRM org as the outside sees it, on a clock: the accounts server's refresh-token grant
// (1-hour access tokens, at most 10 per refresh token in 10 minutes, revocation, errors as Zoho words
// them), the CRM API's credits over a rolling 24 hours (edition × licences, capped), its 401 for a bad
// token and its 429 body. Data centres are separate: a client or token from one is unknown in another.
// Pure: no I/O and no Date.now(); the server (server.ts) puts it on HTTP.
import { randomBytes } from 'node:crypto';
import type { ZohoDataCentre } from '../../core/config/settings';
import { zohoCredits, type ZohoEditionId } from '../../core/plans/zoho';
import type { Clock } from '../clock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const SIM_TOKEN_LIFETIME_S = 3600;
const TOKEN_RATE_LIMIT = 10;
const TOKEN_RATE_WINDOW_MS = 10 * 60_000;

export interface ZohoOrgOptions {
  dataCentre?: ZohoDataCentre;
  edition?: ZohoEditionId;
  users?: number;
  /** The integration's own use, credits per hour, spread evenly (default 0). */
  backgroundPerHour?: number;
  /** Background use counts from this moment (default: the engine's start). */
  loadFrom?: number;
  /** Generated when missing. */
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
}

export interface ZohoAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface ZohoTruth {
  creditLimit: number;
  /** Credits used in the 24 hours before now (background and calls). */
  creditsUsed: number;
  apiCalls: number;
  refreshes: number;
  refused: { unauthorized: number; tooMany: number; tokenErrors: number };
}

interface AccessToken {
  expiresAt: number;
}

export class ZohoEngine {
  readonly dataCentre: ZohoDataCentre;
  readonly edition: ZohoEditionId;
  readonly users: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  private revoked = false;
  private readonly tokens = new Map<string, AccessToken>();
  private readonly mints: number[] = [];
  /** Times of credit-spending calls (1 credit each), oldest first; pruned past 24 h. */
  private readonly calls: number[] = [];
  private readonly backgroundPerHour: number;
  private readonly loadFrom: number;
  private readonly counts = { apiCalls: 0, refreshes: 0, unauthorized: 0, tooMany: 0, tokenErrors: 0 };

  constructor(
    private readonly clock: Clock,
    opts: ZohoOrgOptions = {},
  ) {
    this.dataCentre = opts.dataCentre ?? 'com';
    this.edition = opts.edition ?? 'professional';
    this.users = opts.users ?? 20;
    this.clientId = opts.clientId ?? `1000.${randomBytes(15).toString('hex').toUpperCase()}`;
    this.clientSecret = opts.clientSecret ?? randomBytes(21).toString('hex');
    this.refreshToken =
      opts.refreshToken ?? `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.backgroundPerHour = Math.max(0, opts.backgroundPerHour ?? 0);
    this.loadFrom = opts.loadFrom ?? clock.now();
  }

  get creditLimit(): number {
    return zohoCredits(this.edition, this.users);
  }

  /** POST {accounts}/oauth/v2/token, grant_type=refresh_token, as asked of this data centre. */
  token(params: URLSearchParams, askedDc: ZohoDataCentre): ZohoAnswer {
    const now = this.clock.now();
    const fail = (status: number, body: unknown): ZohoAnswer => {
      this.counts.tokenErrors += 1;
      return json(status, body);
    };
    if (params.get('grant_type') !== 'refresh_token') return fail(200, { error: 'unsupported_grant_type' });
    // Zoho's clients are registered per data centre: another DC's server does not know the client.
    if (askedDc !== this.dataCentre || params.get('client_id') !== this.clientId)
      return fail(200, { error: 'invalid_client' });
    if (params.get('client_secret') !== this.clientSecret)
      return fail(200, { error: 'invalid_client_secret' });
    if (this.revoked || params.get('refresh_token') !== this.refreshToken)
      return fail(200, { error: 'invalid_code' });
    while (this.mints.length > 0 && (this.mints[0] as number) <= now - TOKEN_RATE_WINDOW_MS)
      this.mints.shift();
    if (this.mints.length >= TOKEN_RATE_LIMIT)
      return fail(400, {
        error: 'Access Denied',
        error_description: 'You have made too many requests continuously. Please try again after some time.',
        status: 'failure',
      });
    this.mints.push(now);
    // Long-dead tokens are forgotten, so a simulator running for weeks stays small.
    for (const [t, v] of this.tokens) if (v.expiresAt < now - DAY) this.tokens.delete(t);
    this.counts.refreshes += 1;
    const accessToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.tokens.set(accessToken, { expiresAt: now + SIM_TOKEN_LIFETIME_S * 1000 });
    return json(200, {
      access_token: accessToken,
      scope: 'ZohoCRM.org.READ',
      api_domain: `https://www.zohoapis.${this.dataCentre}`,
      token_type: 'Bearer',
      expires_in: SIM_TOKEN_LIFETIME_S,
    });
  }

  /** True when the Authorization header carries a token this org minted (live or not). */
  owns(authorization: string | undefined): boolean {
    const token = /^Zoho-oauthtoken\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return token !== undefined && this.tokens.has(token);
  }

  /** A CRM API call (GET /crm/v2../org), as received by this data centre's API server. */
  api(method: string, path: string, authorization: string | undefined, askedDc: ZohoDataCentre): ZohoAnswer {
    const now = this.clock.now();
    const token = /^Zoho-oauthtoken\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const known = token ? this.tokens.get(token) : undefined;
    if (!known || known.expiresAt <= now || askedDc !== this.dataCentre || this.revoked) {
      this.counts.unauthorized += 1;
      return json(401, {
        code: 'INVALID_TOKEN',
        details: {},
        message: 'invalid oauth token',
        status: 'error',
      });
    }
    if (method !== 'GET' || !/^\/crm\/v[2-8](\.\d)?\/org\/?$/.test(path))
      return json(404, {
        code: 'INVALID_URL_PATTERN',
        details: {},
        message: 'Please check if the URL trying to access is a correct one',
        status: 'error',
      });
    if (this.creditsUsed(now) + 1 > this.creditLimit) {
      this.counts.tooMany += 1;
      return json(429, {
        code: 'TOO_MANY_REQUESTS',
        details: {},
        message: 'You have reached the API credit limit for the rolling 24 hours.',
        status: 'error',
      });
    }
    this.calls.push(now);
    this.counts.apiCalls += 1;
    return json(200, {
      org: [
        {
          id: '4150868000000224005',
          company_name: 'Simulated Zoho org',
          time_zone: 'UTC',
          license_details: { paid_type: this.edition, users_license_purchased: this.users },
        },
      ],
    });
  }

  /** Revokes the refresh token and every access token it minted (as deleting the self client does). */
  revoke(): void {
    this.revoked = true;
    this.tokens.clear();
  }

  /** Drops live access tokens early (Zoho deletes the oldest beyond 10 live tokens, or on a password change). */
  expireAccessTokens(): void {
    this.tokens.clear();
  }

  creditsUsed(now = this.clock.now()): number {
    while (this.calls.length > 0 && (this.calls[0] as number) <= now - DAY) this.calls.shift();
    const from = Math.max(this.loadFrom, now - DAY);
    const background = now > from ? Math.floor((this.backgroundPerHour * (now - from)) / HOUR) : 0;
    return background + this.calls.length;
  }

  truth(): ZohoTruth {
    return {
      creditLimit: this.creditLimit,
      creditsUsed: this.creditsUsed(),
      apiCalls: this.counts.apiCalls,
      refreshes: this.counts.refreshes,
      refused: {
        unauthorized: this.counts.unauthorized,
        tooMany: this.counts.tooMany,
        tokenErrors: this.counts.tokenErrors,
      },
    };
  }
}

function json(status: number, body: unknown): ZohoAnswer {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body };
}
