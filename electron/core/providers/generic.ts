// The de facto X-RateLimit-Limit / -Remaining / -Reset set that many APIs send without documenting a
// dialect (and gateways such as Envoy send in the IETF draft-03 shape, `X-RateLimit-Limit: 100,
// 100;w=60`). It is the fallback for those headers: GitHub, Discord, Jira and Zoho use the same names
// and are told apart by their own extra headers first. The reset's format is not stated, so it is
// read by its size: an epoch in seconds or milliseconds, else a delay in seconds, else a date.
import type { HeaderBag } from '../headers/header-bag';
import { readLegacyFields } from './ietf-fields';
import { genericBlock, type ProviderProfile } from './profile';
import { parseResetGuess } from './reset-guess';

const FIELDS = { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' };

export const generic: ProviderProfile = {
  id: 'generic',
  name: 'X-RateLimit headers',
  detect(headers: HeaderBag) {
    return headers.has(FIELDS.limit) || headers.has(FIELDS.remaining) ? 2 : 0;
  },
  read(input) {
    const windows = readLegacyFields(input, FIELDS, parseResetGuess);
    return { windows, blocked: genericBlock(input, windows) };
  },
};
