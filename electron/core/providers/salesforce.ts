// Salesforce REST API (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm):
// Sforce-Limit-Info: api-usage=10018/100000 — calls used / the org's limit over a rolling 24 hours.
// The header may carry other `name=used/limit` members (per-app-api-usage=17/250(appName=...),
// api-bursts=1/750); each becomes a window named after it. There is no reset time in a rolling window.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, quote } from '../headers/values';
import { PERIOD_MS, type QuotaWindow } from '../quota/model';
import { windowId, withName } from './names';
import { buildWindow, genericBlock, type ProviderProfile } from './profile';

const HEADER = 'sforce-limit-info';
const MEMBER = /^([A-Za-z0-9_-]+)=([^/]*)\/([0-9.eE+-]*)(?:\((.*)\))?$/;

export const salesforce: ProviderProfile = {
  id: 'salesforce',
  name: 'Salesforce',
  detect(headers: HeaderBag) {
    return headers.has(HEADER) ? 40 : 0;
  },
  read(input) {
    const windows: QuotaWindow[] = [];
    const seen = new Set<string>();
    for (const member of input.headers.all(HEADER).flatMap((v) => v.split(';'))) {
      const text = member.trim();
      if (text === '') continue;
      const m = MEMBER.exec(text);
      if (!m?.[1]) {
        input.warn(`Sforce-Limit-Info: cannot read ${quote(text)}`);
        continue;
      }
      const name = m[1].toLowerCase();
      const id = windowId(name, 'api-usage');
      if (seen.has(id)) continue;
      seen.add(id);
      const daily = name === 'api-usage' || name === 'per-app-api-usage';
      const app = m[4]?.match(/appName=([^)]*)/)?.[1] ?? null;
      windows.push(
        buildWindow(
          {
            id,
            kind: daily ? 'rolling-24h' : 'custom',
            unit: 'requests',
            label: withName(
              daily ? 'API requests / rolling 24 h' : 'API requests',
              app ?? (daily ? null : name),
            ),
            used: parseCount(m[2], 'used'),
            limit: parseCount(m[3], 'limit'),
            periodMs: daily ? PERIOD_MS.day : null,
          },
          input,
        ),
      );
    }
    return { windows, blocked: genericBlock(input, windows) };
  },
};
