// The formatters in context: the OS locale in the app, a fixed one in tests.
import { createContext, useContext } from 'react';
import { createFmt, type Fmt } from '../format/locale';

export const FmtContext = createContext<Fmt>(createFmt());

export function useFmt(): Fmt {
  return useContext(FmtContext);
}
