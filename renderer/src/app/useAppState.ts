// The AppState stream: the first state from getState, then every pushed one. An older revision
// arriving late never replaces a newer one.
import { useEffect, useState } from 'react';
import type { AppState, HeadroomApi } from '../../../electron/ipc/contract';

export type Loaded = { state: AppState; error: null } | { state: null; error: string | null };

export function useAppState(api: HeadroomApi): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: null, error: null });

  useEffect(() => {
    let alive = true;
    const accept = (next: AppState) => {
      if (!alive) return;
      setLoaded((cur) =>
        cur.state && cur.state.revision > next.revision ? cur : { state: next, error: null },
      );
    };
    const off = api.onState(accept);
    api.getState().then(accept, (e: unknown) => {
      if (!alive) return;
      const message = e instanceof Error ? e.message : String(e);
      setLoaded((cur) => (cur.state ? cur : { state: null, error: message }));
    });
    return () => {
      alive = false;
      off();
    };
  }, [api]);

  return loaded;
}
