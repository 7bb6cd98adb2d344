// Announces each finished manual probe once, with its result, in the live region.
import { useEffect, useRef } from 'react';
import type { AppState } from '../../../electron/ipc/contract';
import { useAnnounce } from './announcer';

export function useProbeAnnouncements(state: AppState | null): void {
  const announce = useAnnounce();
  const seen = useRef<Map<string, number> | null>(null);
  useEffect(() => {
    if (!state) return;
    const first = seen.current === null;
    const map = (seen.current ??= new Map());
    const fresh: string[] = [];
    for (const k of state.keys) {
      const p = k.lastProbe;
      if (!p) continue;
      const before = map.get(k.id);
      map.set(k.id, p.at);
      // The first state only records what is already there: nothing is "new" on opening.
      if (!first && p.manual && (before === undefined || p.at > before))
        fresh.push(`${k.name}: ${p.message}`);
    }
    if (fresh.length) announce(fresh.join('. '));
  }, [state, announce]);
}
