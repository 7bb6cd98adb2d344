// Every built-in profile, and how `auto` picks one: the highest detection score wins; ties go to
// the profile listed first (the more specific dialects are listed before the generic ones).
import type { HeaderBag } from '../headers/header-bag';
import { anthropic } from './anthropic';
import { cloudflare } from './cloudflare';
import { discord } from './discord';
import { generic } from './generic';
import { github } from './github';
import { hubspot } from './hubspot';
import { ietf } from './ietf';
import { jira } from './jira';
import { openai } from './openai';
import type { ProviderProfile } from './profile';
import { salesforce } from './salesforce';
import { shopify } from './shopify';
import { voucherify } from './voucherify';
import { xRateLimit } from './x-rate-limit';
import { zendesk } from './zendesk';
import { zoho } from './zoho';

// Scores (see each profile's detect): own prefixes 40 (Shopify, Salesforce, HubSpot, Zendesk,
// Anthropic), distinguishing headers 25-30 (OpenAI, GitHub, Discord, Jira, Zoho's error body,
// Cloudflare), IETF fields 15-20, Voucherify 10, X/Okta 3-8, bare X-RateLimit-* 2 (generic), Zoho's
// optional headers alone 1.
export const PROFILES: readonly ProviderProfile[] = [
  voucherify,
  shopify,
  salesforce,
  hubspot,
  zendesk,
  anthropic,
  openai,
  github,
  discord,
  jira,
  zoho,
  cloudflare,
  ietf,
  xRateLimit,
  generic,
];

export function providerIds(): string[] {
  return PROFILES.map((p) => p.id);
}

export function findProfile(id: string): ProviderProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}

export function detectProfile(headers: HeaderBag, status: number, body: unknown): ProviderProfile | null {
  let best: ProviderProfile | null = null;
  let bestScore = 0;
  for (const p of PROFILES) {
    const score = p.detect(headers, status, body);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
