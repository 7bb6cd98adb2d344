// Two keys for the same project double the probes and make two cards disagree. A project is known by
// its provider, host and public identifier (Voucherify's App ID, a Zoho self client's Client ID) or by
// the secret itself: for that, main keeps a keyed hash of each secret it has read (HMAC-SHA-256 with a
// key made fresh in every process), in memory only. The hash never leaves main: the renderer learns only
// the names of the other keys.
import { createHmac, randomBytes } from 'node:crypto';
import { baseUrlOf, type KeyConfig } from '../core/config/settings';
import { duplicateKeys, projectIdentities } from '../core/insight/prompts';

export class SecretFingerprints {
  private readonly hmacKey = randomBytes(32);
  private readonly known = new Map<string, string>();

  of(secret: string): string {
    return createHmac('sha256', this.hmacKey).update(secret).digest('hex');
  }

  remember(keyId: string, secret: string | null): void {
    if (secret) this.known.set(keyId, this.of(secret));
    else this.known.delete(keyId);
  }

  forget(keyId: string): void {
    this.known.delete(keyId);
  }

  get(keyId: string): string | null {
    return this.known.get(keyId) ?? null;
  }
}

export function identitiesOf(config: KeyConfig, fingerprint: string | null): string[] {
  let base: string;
  try {
    base = baseUrlOf(config.connection);
  } catch {
    base = '';
  }
  return projectIdentities(config.connection, base, fingerprint);
}

/** For each (non-demo) key, the other keys that monitor the same project. */
export function keyTwins(
  configs: Iterable<KeyConfig>,
  fingerprints: SecretFingerprints,
): Map<string, { id: string; name: string }[]> {
  const keys = [...configs]
    .filter((c) => !c.demo)
    .map((c) => ({ id: c.id, name: c.name, identities: identitiesOf(c, fingerprints.get(c.id)) }));
  return duplicateKeys(keys);
}

/**
 * The keys a key being saved would duplicate: `config` with the secret it will hold, against the
 * others' identities (their secrets read through `secretOf` when not fingerprinted yet).
 */
export async function twinsOnSave(
  config: KeyConfig,
  secret: string | null,
  others: readonly KeyConfig[],
  fingerprints: SecretFingerprints,
  secretOf: (keyId: string) => Promise<string | null>,
): Promise<{ id: string; name: string }[]> {
  // Editing without a new secret: the stored one's fingerprint, when main has read it.
  const fingerprint = secret ? fingerprints.of(secret) : fingerprints.get(config.id);
  const mine = new Set(identitiesOf(config, fingerprint));
  const twins: { id: string; name: string }[] = [];
  for (const o of others) {
    if (o.demo || o.id === config.id || o.connection.provider !== config.connection.provider) continue;
    if (fingerprint && fingerprints.get(o.id) === null) fingerprints.remember(o.id, await secretOf(o.id));
    if (identitiesOf(o, fingerprints.get(o.id)).some((i) => mine.has(i)))
      twins.push({ id: o.id, name: o.name });
  }
  return twins;
}
