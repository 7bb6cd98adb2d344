// What the vault holds for a Zoho key. The vault stores one string per key, so a Zoho self client's
// two secrets (client secret and refresh token) are kept there as a small JSON document. A plain
// string is a key saved before OAuth refresh existed: an access token used as is (it expires in 1 h).
import { z } from 'zod';

const storedSchema = z.object({
  zohoOAuth: z.literal(1),
  clientSecret: z.string().min(1).max(500),
  refreshToken: z.string().min(1).max(1000),
});

export interface ZohoOAuthSecrets {
  clientSecret: string;
  refreshToken: string;
}

export type ZohoStoredSecret =
  ({ kind: 'oauth' } & ZohoOAuthSecrets) | { kind: 'access-token'; token: string };

export function encodeZohoSecret(s: ZohoOAuthSecrets): string {
  return JSON.stringify({ zohoOAuth: 1, clientSecret: s.clientSecret, refreshToken: s.refreshToken });
}

/** Reads what the vault holds for a Zoho key; anything that is not our JSON is a legacy access token. */
export function decodeZohoSecret(raw: string): ZohoStoredSecret {
  if (raw.trimStart().startsWith('{')) {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (parsed.success)
        return {
          kind: 'oauth',
          clientSecret: parsed.data.clientSecret,
          refreshToken: parsed.data.refreshToken,
        };
    } catch {
      // Not JSON after all: treat it as a token, which the API will judge.
    }
  }
  return { kind: 'access-token', token: raw };
}

/** The strings a log line or a message must never contain, for a stored Zoho secret. */
export function zohoSecretParts(raw: string): string[] {
  const s = decodeZohoSecret(raw);
  return s.kind === 'oauth' ? [s.clientSecret, s.refreshToken] : [s.token];
}

export interface ZohoSecretInput {
  token?: string | undefined;
  clientSecret?: string | undefined;
  refreshToken?: string | undefined;
}

/**
 * The string to store for a Zoho key from what the user typed, merged with what is stored (a blank
 * field on edit keeps the stored value). null: nothing new to store. Throws a message for the form
 * when only part of the OAuth pair can be known.
 */
export function zohoSecretToStore(input: ZohoSecretInput, stored: string | null): string | null {
  const clientSecret = input.clientSecret?.trim() || undefined;
  const refreshToken = input.refreshToken?.trim() || undefined;
  if (!clientSecret && !refreshToken) return input.token?.trim() || null;
  const previous = stored === null ? null : decodeZohoSecret(stored);
  const old = previous?.kind === 'oauth' ? previous : null;
  const next = {
    clientSecret: clientSecret ?? old?.clientSecret,
    refreshToken: refreshToken ?? old?.refreshToken,
  };
  if (!next.clientSecret) throw new ZohoSecretError('enter the client secret of the Zoho self client');
  if (!next.refreshToken) throw new ZohoSecretError('enter the refresh token generated for the self client');
  return encodeZohoSecret({ clientSecret: next.clientSecret, refreshToken: next.refreshToken });
}

export class ZohoSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZohoSecretError';
  }
}
