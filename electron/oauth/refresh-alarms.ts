// What the user is told when a Zoho key's OAuth refresh fails for good (revoked refresh token, wrong
// client or secret): one notice in the popover for as long as it stands, and one desktop notification
// when it starts. Transient failures (network, rate limit) say nothing here: the key's card shows them
// and Headroom retries. Pure bookkeeping; the service delivers the message.
import type { AlertMessage } from '../core/alerts/types';
import type { RefreshFailure } from './zoho-token-answer';

export interface RefreshNotice {
  id: string;
  level: 'error';
  text: string;
}

interface Standing {
  keyName: string;
  failure: RefreshFailure;
}

export class RefreshAlarms {
  private readonly standing = new Map<string, Standing>();

  /**
   * Records a probe's refresh outcome. Returns the notification to send when a permanent failure
   * starts (not when it repeats), else null.
   */
  record(keyId: string, keyName: string, failure: RefreshFailure | null): AlertMessage | null {
    if (failure === null) {
      this.standing.delete(keyId);
      return null;
    }
    if (!failure.permanent) return null;
    const before = this.standing.get(keyId);
    this.standing.set(keyId, { keyName, failure });
    if (before && before.failure.reason === failure.reason) return null;
    return {
      id: `oauth-refresh:${keyId}:${failure.reason}`,
      kind: 'breach',
      keyId,
      title: `${keyName}: Zoho stopped issuing access tokens`,
      body: failure.message,
      urgency: 'critical',
    };
  }

  /** The key was edited (new secrets) or deleted: its alarm no longer stands. */
  forget(keyId: string): void {
    this.standing.delete(keyId);
  }

  notices(): RefreshNotice[] {
    return [...this.standing.entries()].map(([keyId, s]) => ({
      id: `oauth-refresh-${keyId}`,
      level: 'error',
      text: `${s.keyName}: ${s.failure.message}`,
    }));
  }
}
