// The header's risk line: which key is most likely to run out before renewal, chosen once in the core
// so every view (popover, web page) agrees. Pure.
import type { KeyView, RiskiestKey } from './app-state';

/**
 * The key the header's worst-key line names: the service's worst key, else the only key (the
 * popover shows a single key's headline even when all is well).
 */
export function worstLineKeyId(keys: readonly KeyView[], worstKeyId: string | null): string | null {
  if (worstKeyId !== null) return worstKeyId;
  const only = keys.length === 1 ? keys[0] : undefined;
  return only?.id ?? null;
}

/**
 * The highest run-out risk among the keys (the first on ties), or null when none is at risk or when
 * it belongs to the key whose headline, already on the worst-key line, ends with that same risk.
 */
export function riskiestKey(keys: readonly KeyView[], worstLineId: string | null): RiskiestKey | null {
  let top: KeyView | null = null;
  for (const k of keys) if (k.risk && (!top?.risk || k.risk.probability > top.risk.probability)) top = k;
  if (!top?.risk) return null;
  if (top.id === worstLineId && top.headlineTellsRisk === true) return null;
  return { keyId: top.id, name: top.name, ...top.risk };
}
