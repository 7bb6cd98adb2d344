// The settings form as strings and booleans, turned into a validated SettingsPatch. Pure.
import { settingsPatchSchema, type AppState, type SettingsPatch } from '../../../electron/ipc/contract';

type S = AppState['settings'];

export interface SettingsDraft {
  budgetPercent: string;
  minIntervalMinutes: string;
  maxIntervalHours: string;
  enabled: boolean;
  breach: boolean;
  predictive: boolean;
  recovery: boolean;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  theme: S['theme'];
  launchAtLogin: boolean;
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft | 'form', string>>;

export function settingsDraft(s: S): SettingsDraft {
  return {
    budgetPercent: String(s.monitoring.budgetPercent),
    minIntervalMinutes: String(s.monitoring.minIntervalMinutes),
    maxIntervalHours: String(s.monitoring.maxIntervalHours),
    enabled: s.notifications.enabled,
    breach: s.notifications.breach,
    predictive: s.notifications.predictive,
    recovery: s.notifications.recovery,
    quietEnabled: s.notifications.quietHours.enabled,
    quietStart: s.notifications.quietHours.start,
    quietEnd: s.notifications.quietHours.end,
    theme: s.theme,
    launchAtLogin: s.launchAtLogin,
  };
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim().replace(',', '.')));

const MESSAGES: Partial<Record<keyof SettingsDraft, string>> = {
  budgetPercent: 'a share from 0.1 to 10 %',
  minIntervalMinutes: 'whole minutes from 1 to 60',
  maxIntervalHours: 'whole hours from 1 to 48',
  quietStart: 'a time like 22:00',
  quietEnd: 'a time like 07:00',
};

export function settingsToPatch(
  d: SettingsDraft,
): { ok: true; patch: SettingsPatch } | { ok: false; errors: SettingsErrors } {
  const patch = {
    monitoring: {
      budgetPercent: num(d.budgetPercent),
      minIntervalMinutes: num(d.minIntervalMinutes),
      maxIntervalHours: num(d.maxIntervalHours),
    },
    notifications: {
      enabled: d.enabled,
      breach: d.breach,
      predictive: d.predictive,
      recovery: d.recovery,
      quietHours: { enabled: d.quietEnabled, start: d.quietStart, end: d.quietEnd },
    },
    theme: d.theme,
    launchAtLogin: d.launchAtLogin,
  };
  const parsed = settingsPatchSchema.safeParse(patch);
  if (parsed.success) {
    const errors: SettingsErrors = {};
    if (patch.monitoring.minIntervalMinutes > patch.monitoring.maxIntervalHours * 60)
      errors.minIntervalMinutes = 'must be shorter than the longest interval';
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, patch };
  }
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const last = String(issue.path[issue.path.length - 1] ?? '');
    const field: keyof SettingsDraft | 'form' =
      last === 'start'
        ? 'quietStart'
        : last === 'end'
          ? 'quietEnd'
          : last in d
            ? (last as keyof SettingsDraft)
            : 'form';
    if (!errors[field]) errors[field] = (field !== 'form' && MESSAGES[field]) || issue.message;
  }
  return { ok: false, errors };
}
