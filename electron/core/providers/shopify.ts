// Shopify REST Admin API (shopify.dev/docs/api/admin-rest/usage/rate-limits):
// X-Shopify-Shop-Api-Call-Limit: 32/40 — requests in the bucket / bucket size of a leaky bucket that
// drains at the plan's rate (2/s standard, 4/s Advanced, 20/s Plus). There is no reset time: the
// bucket empties continuously, so resetAt stays null. A 429 carries Retry-After in decimal seconds.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, quote } from '../headers/values';
import type { QuotaWindow } from '../quota/model';
import { buildWindow, genericBlock, type ProviderProfile } from './profile';

const HEADER = 'x-shopify-shop-api-call-limit';

export const shopify: ProviderProfile = {
  id: 'shopify',
  name: 'Shopify',
  detect(headers: HeaderBag) {
    return headers.has(HEADER) ? 40 : 0;
  },
  read(input) {
    const windows: QuotaWindow[] = [];
    const raw = input.headers.first(HEADER);
    if (raw !== undefined) {
      const m = /^\s*([^/]*)\/(.*)$/.exec(raw);
      const used = m ? parseCount(m[1], 'used') : { value: null, problem: `not "used/size": ${quote(raw)}` };
      const size = m ? parseCount(m[2], 'limit') : { value: null, problem: null };
      windows.push(
        buildWindow(
          {
            id: 'bucket',
            kind: 'custom',
            unit: 'requests',
            label: 'Requests in the leaky bucket',
            used,
            limit: size,
          },
          input,
        ),
      );
    }
    return { windows, blocked: genericBlock(input, windows) };
  },
};
