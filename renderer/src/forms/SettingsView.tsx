// App-wide settings: how much quota monitoring may spend, probe intervals, notifications and quiet
// hours, launch at login, and the theme.
import { useRef, useState } from 'react';
import type { AppState, TestNotificationResult } from '../../../electron/ipc/contract';
import { useApi } from '../api';
import { useAnnounce } from '../app/announcer';
import { Panel } from '../components/Panel';
import { CheckField, FormActions, FormError, RadioGroup, TextField } from './fields';
import { settingsDraft, settingsToPatch, type SettingsDraft, type SettingsErrors } from './settings-draft';

interface Props {
  settings: AppState['settings'];
  onClose: () => void;
}

export function SettingsView({ settings, onClose }: Props) {
  const api = useApi();
  const announce = useAnnounce();
  const [d, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<TestNotificationResult | null>(null);
  const sendTest = async () => {
    setTesting(true);
    try {
      setTested(await api.sendTestNotification());
    } catch (e) {
      setTested({ sent: false, message: e instanceof Error ? e.message : String(e) });
    } finally {
      setTesting(false);
    }
  };
  const set = <K extends keyof SettingsDraft>(field: K, value: SettingsDraft[K]) =>
    setDraft((cur) => ({ ...cur, [field]: value }));

  const save = async () => {
    const r = settingsToPatch(d);
    if (!r.ok) {
      setErrors(r.errors);
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.updateSettings(r.patch);
      announce('Settings saved');
      onClose();
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
      setBusy(false);
    }
  };

  return (
    <Panel title="Settings" onClose={onClose} testId="settings">
      <form
        ref={form}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="group">
          <legend>Monitoring</legend>
          <TextField
            label="Budget for probes (% of each key’s cycle quota)"
            inputMode="decimal"
            value={d.budgetPercent}
            onChange={(v) => set('budgetPercent', v)}
            error={errors.budgetPercent}
            hint="Headroom’s own calls count against your quota; it probes less to stay within this."
          />
          <div className="pair">
            <TextField
              label="Shortest interval (min)"
              inputMode="numeric"
              value={d.minIntervalMinutes}
              onChange={(v) => set('minIntervalMinutes', v)}
              error={errors.minIntervalMinutes}
            />
            <TextField
              label="Longest interval (h)"
              inputMode="numeric"
              value={d.maxIntervalHours}
              onChange={(v) => set('maxIntervalHours', v)}
              error={errors.maxIntervalHours}
            />
          </div>
          <p className="hint">Headroom probes more often as a limit nears, within these bounds.</p>
        </fieldset>
        <fieldset className="group">
          <legend>Notifications</legend>
          <CheckField label="Desktop notifications" checked={d.enabled} onChange={(v) => set('enabled', v)} />
          <CheckField
            label="When a threshold is crossed or a key is blocked"
            checked={d.breach}
            onChange={(v) => set('breach', v)}
          />
          <CheckField
            label="When the cycle is forecast to run out"
            checked={d.predictive}
            onChange={(v) => set('predictive', v)}
          />
          <CheckField
            label="When a window recovers"
            checked={d.recovery}
            onChange={(v) => set('recovery', v)}
          />
          {/* The times are always shown (greyed while off): looking at them must not need a tick,
              and ticking changes only the tick; what is saved is exactly what is on screen. */}
          <CheckField
            label="Quiet hours"
            checked={d.quietEnabled}
            onChange={(v) => set('quietEnabled', v)}
            hint={
              d.quietEnabled
                ? 'Notifications in these hours wait and arrive together when they end.'
                : 'Off: notifications arrive at any hour.'
            }
          />
          <div className="pair">
            <TextField
              label="From"
              type="time"
              value={d.quietStart}
              onChange={(v) => set('quietStart', v)}
              error={errors.quietStart}
              disabled={!d.quietEnabled}
            />
            <TextField
              label="Until"
              type="time"
              value={d.quietEnd}
              onChange={(v) => set('quietEnd', v)}
              error={errors.quietEnd}
              disabled={!d.quietEnabled}
            />
          </div>
          <div className="test-notification">
            <button type="button" onClick={() => void sendTest()} disabled={testing}>
              {testing ? 'Sending…' : 'Send test notification'}
            </button>
            <p
              className="hint"
              role="status"
              data-testid="test-notification-result"
              data-tone={tested ? (tested.sent ? 'ok' : 'error') : undefined}
            >
              {tested?.message ?? ''}
            </p>
          </div>
        </fieldset>
        <RadioGroup
          legend="Theme"
          value={d.theme}
          onChange={(v) => set('theme', v)}
          options={[
            { value: 'system', label: 'Follow the system' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
        <CheckField
          label="Start Headroom when I log in"
          checked={d.launchAtLogin}
          onChange={(v) => set('launchAtLogin', v)}
        />
        <FormError error={errors.form} />
        <FormActions busy={busy} saveLabel="Save settings" onCancel={onClose} />
      </form>
    </Panel>
  );
}
