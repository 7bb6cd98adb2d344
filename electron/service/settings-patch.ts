// A settings patch from the UI applied to the current settings: nested groups are merged (a patch
// names only what changed), and the result is validated as a whole.
import type { z } from 'zod';
import { parseSettings, type Settings } from '../core/config/settings';
import type { settingsPatchSchema } from '../ipc/contract';

export function patchedSettings(
  s: Settings,
  patch: z.output<typeof settingsPatchSchema>,
): ReturnType<typeof parseSettings> {
  return parseSettings({
    ...s,
    ...patch,
    monitoring: { ...s.monitoring, ...patch.monitoring },
    notifications: {
      ...s.notifications,
      ...patch.notifications,
      quietHours: { ...s.notifications.quietHours, ...patch.notifications?.quietHours },
    },
  });
}
