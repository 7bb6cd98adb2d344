// IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), every generation: the
// structured RateLimit / RateLimit-Policy of drafts 07 and >= 08, and the RateLimit-Limit /
// -Remaining / -Reset trio of drafts <= 06. The field reading lives in ietf-fields.ts; this profile
// only picks the generation the response speaks. The drafts have no word for a breached limit, so
// a 429 is reported as `rate_limit`, on the one exhausted window when there is one.
import type { HeaderBag } from '../headers/header-bag';
import { hasStructuredFields, readLegacyFields, readStructuredFields } from './ietf-fields';
import { genericBlock, type ProfileInput, type ProfileOutput, type ProviderProfile } from './profile';

export function readIetf(input: ProfileInput): ProfileOutput {
  const h = input.headers;
  const legacyPresent = h.has('ratelimit-limit') || h.has('ratelimit-remaining');
  // Draft 06 sends RateLimit-Policy beside its -Limit trio, so a policy alone does not make it a
  // structured response: only the RateLimit field (or a policy with nothing else) does.
  const structured =
    h.has('ratelimit') || (!legacyPresent && h.has('ratelimit-policy')) ? readStructuredFields(input) : [];
  // A server between drafts may send both generations; the newer reading wins a clash of names.
  const legacy = legacyPresent
    ? readLegacyFields(input).filter((w) => !structured.some((s) => s.id === w.id))
    : [];
  const windows = [...structured, ...legacy];
  return { windows, blocked: genericBlock(input, windows) };
}

export function detectIetf(headers: HeaderBag): number {
  if (hasStructuredFields(headers)) return 20;
  if (headers.has('ratelimit-limit') || headers.has('ratelimit-remaining')) return 15;
  return 0;
}

export const ietf: ProviderProfile = {
  id: 'ietf',
  name: 'IETF RateLimit headers',
  detect: detectIetf,
  read: readIetf,
};
