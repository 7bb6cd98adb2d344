// Getting one probe answer for a key: a local failure when the key cannot be probed as configured,
// a live Zoho access token first for OAuth keys, and every call through the shared concurrency bound.
import type { KeyConfig } from '../core/config/settings';
import { activeBlock } from '../core/quota/state';
import { safeDeliver } from '../notify/notifier';
import type { RefreshAlarms } from '../oauth/refresh-alarms';
import { probeZoho, usesZohoOAuth } from '../oauth/zoho-probe';
import type { ZohoTokenProvider } from '../oauth/zoho-tokens';
import { probe, type ProbeResult } from '../probe/probe';
import { TargetError, type ProbeTarget } from '../probe/targets';
import { capitalise, localFailure } from './errors';
import type { KeyEntry } from './key-entry';
import { targetOf } from './key-target';
import { ProbeLimiter } from './probe-limiter';
import type { ServiceDeps } from './service-types';

type ProbeConfig = Pick<KeyConfig, 'id' | 'connection' | 'plan'>;

export class KeyProber {
  private readonly limiter = new ProbeLimiter();

  constructor(
    private readonly deps: Pick<ServiceDeps, 'now' | 'logger' | 'notifier' | 'probeTimeoutMs'>,
    private readonly zohoTokens: ZohoTokenProvider,
    private readonly refreshAlarms: RefreshAlarms,
    /** Read at delivery time: the user may turn notifications off while a probe is under way. */
    private readonly notificationsEnabled: () => boolean,
  ) {}

  /** A scheduled or manual probe of a configured key; `secret` null means the vault lost it. */
  async probeKey(entry: KeyEntry, secret: string | null): Promise<ProbeResult> {
    const now = this.deps.now();
    // This probe is the re-check an edit asked for.
    entry.recheck = false;
    if (!secret)
      return localFailure(
        entry.config.id,
        now,
        'The token for this key is missing from the secure store: enter it again (Edit key).',
      );
    let target;
    try {
      target = targetOf(entry.config, secret);
    } catch (err) {
      if (!(err instanceof TargetError)) throw err;
      return localFailure(entry.config.id, now, capitalise(err.message));
    }
    const retryAt = activeBlock(entry.runtime.quota, now)?.retryAt ?? null;
    const send = (t: ProbeTarget) =>
      probe(t, {
        now: this.deps.now,
        retryAt,
        log: (line) => this.deps.logger.info(line),
        ...this.timeout(),
      });
    // A Zoho key with OAuth gets a live access token first (not while a block stands: no call goes out).
    const oauth = usesZohoOAuth(entry.config, secret) && (retryAt === null || now >= retryAt);
    return this.limiter.run(() => (oauth ? this.probeZohoKey(entry, secret, send) : send(target)));
  }

  /** The "Test key" probe of a key that may not be saved yet (`target` is already validated). */
  testProbe(config: ProbeConfig, secret: string, target: ProbeTarget): Promise<ProbeResult> {
    const send = (t: ProbeTarget) => probe(t, { now: this.deps.now, ...this.timeout() });
    return this.limiter.run(() =>
      usesZohoOAuth(config, secret)
        ? probeZoho({ config, secret, tokens: this.zohoTokens, now: this.deps.now, send }).then(
            (z) => z.result,
          )
        : send(target),
    );
  }

  /** A Zoho OAuth key's probe; a refresh failure the user must act on raises one notice and one notification. */
  private async probeZohoKey(
    entry: KeyEntry,
    secret: string,
    send: (t: ProbeTarget) => Promise<ProbeResult>,
  ): Promise<ProbeResult> {
    const z = await probeZoho({
      config: entry.config,
      secret,
      tokens: this.zohoTokens,
      now: this.deps.now,
      send,
    });
    const message = this.refreshAlarms.record(entry.config.id, entry.config.name, z.refreshFailure);
    if (z.refreshFailure)
      this.deps.logger.warn('zoho token refresh failed', {
        keyId: entry.config.id,
        reason: z.refreshFailure.reason,
      });
    const notifier = this.deps.notifier;
    if (message && notifier && this.notificationsEnabled()) {
      const outcome = await safeDeliver(notifier, message);
      if (!outcome.ok) this.deps.logger.warn('notification not delivered', { reason: outcome.reason });
    }
    return z.result;
  }

  private timeout(): { timeoutMs?: number } {
    return this.deps.probeTimeoutMs === undefined ? {} : { timeoutMs: this.deps.probeTimeoutMs };
  }
}
