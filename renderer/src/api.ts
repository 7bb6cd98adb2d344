// The one door to main: `window.headroom`, exposed by the preload, or in a browser tab the web shell's
// HTTP client (web-api.ts).
// Components take it from context so component tests can hand in a fake with the same type.
import { createContext, useContext } from 'react';
import type { HeadroomApi } from '../../electron/ipc/contract';

declare global {
  interface Window {
    headroom?: HeadroomApi;
  }
}

export const ApiContext = createContext<HeadroomApi | null>(null);

export function useApi(): HeadroomApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('Headroom API missing: the popover must be opened by the app');
  return api;
}
