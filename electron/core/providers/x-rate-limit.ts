// X (docs.x.com/fundamentals/rate-limits) and Okta (developer.okta.com/docs/reference/rl-best-practices):
// x-rate-limit-limit / -remaining / -reset, the reset in UTC epoch seconds. Voucherify spells its
// headers the same way but sends X-Rate-Limit-Retry (and -Type) instead of -Reset, which is how the
// two are told apart; a response with both reads as Voucherify (listed first, scored higher).
import type { HeaderBag } from '../headers/header-bag';
import { declarativeProfile, type ProviderProfile } from './profile';

const base = declarativeProfile({
  id: 'x-rate-limit',
  name: 'X / Okta (x-rate-limit-*)',
  signatures: [],
  windows: [
    {
      id: 'requests',
      kind: 'custom',
      unit: 'requests',
      label: 'Requests',
      limit: 'x-rate-limit-limit',
      remaining: 'x-rate-limit-remaining',
      reset: [{ header: 'x-rate-limit-reset', format: 'epoch-seconds' }],
    },
  ],
});

export const xRateLimit: ProviderProfile = {
  ...base,
  detect(headers: HeaderBag) {
    if (headers.has('x-rate-limit-reset')) return 8;
    return headers.has('x-rate-limit-limit') || headers.has('x-rate-limit-remaining') ? 3 : 0;
  },
};
