// Light and dark follow the OS (prefers-color-scheme) unless the settings force one.
import { useEffect } from 'react';
import type { Settings } from '../../../electron/core/config/settings';

export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
