// Cloudflare's API (developers.cloudflare.com/fundamentals/api/reference/limits): the IETF
// RateLimit / RateLimit-Policy fields of draft >= 08 (sent as `Ratelimit`, `Ratelimit-Policy`), plus
// Retry-After (seconds, rounded up) on a 429. The reading is the IETF one; only the name differs.
//
// Telling Cloudflare from any other IETF server by headers alone is a guess: every response through
// Cloudflare's network carries `cf-ray`, including other APIs proxied by it. The rule used: IETF
// structured fields together with `cf-ray` read as Cloudflare, without it as plain IETF. Either way the
// windows are the same; only the provider label can be wrong, and picking the provider fixes it.
import type { HeaderBag } from '../headers/header-bag';
import { hasStructuredFields } from './ietf-fields';
import { readIetf } from './ietf';
import type { ProviderProfile } from './profile';

export const cloudflare: ProviderProfile = {
  id: 'cloudflare',
  name: 'Cloudflare API',
  detect(headers: HeaderBag) {
    return hasStructuredFields(headers) && headers.has('cf-ray') ? 25 : 0;
  },
  read: readIetf,
};
