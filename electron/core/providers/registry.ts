// Every built-in profile, and how `auto` picks one: the highest detection score wins; ties go to
// the profile listed first (the more specific dialects are listed before the generic ones).
import type { HeaderBag } from '../headers/header-bag';
import type { ProviderProfile } from './profile';
import { voucherify } from './voucherify';

export const PROFILES: readonly ProviderProfile[] = [voucherify];

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
