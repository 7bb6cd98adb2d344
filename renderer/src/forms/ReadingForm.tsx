// A dashboard reading: the billing-cycle usage the provider's dashboard shows (reading it costs no
// API calls). It anchors the cycle estimate, so the forecast moves to match.
import { useState } from 'react';
import type { KeyView } from '../../../electron/ipc/contract';
import { useApi } from '../api';
import { useAnnounce } from '../app/announcer';
import { useFmt } from '../app/fmt';
import { useNow } from '../app/now';
import { Panel } from '../components/Panel';
import { cycleUsedText } from '../format/forecast';
import { formatDateTime } from '../format/time';
import { FormActions, FormError, TextField } from './fields';

interface Props {
  k: KeyView;
  onClose: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value (local wall time) for an epoch ms. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function ReadingForm({ k, onClose }: Props) {
  const api = useApi();
  const fmt = useFmt();
  const announce = useAnnounce();
  const now = useNow();
  const [used, setUsed] = useState('');
  // The field opens at the current minute; left as it was, the reading is taken when it is saved.
  const [opened] = useState(() => toLocalInput(now));
  const [when, setWhen] = useState(opened);
  const [errors, setErrors] = useState<{ used?: string; when?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const cycle = k.cycle;
  const estimate = cycle ? cycleUsedText(fmt, cycle) : null;

  const submit = async () => {
    const next: typeof errors = {};
    const n = Number(used.trim().replace(/[\s,_]/g, ''));
    if (used.trim() === '' || !Number.isInteger(n) || n < 0)
      next.used = 'the number of calls used, a whole number';
    else if (n > 1e10) next.used = 'that is more than any plan allows';
    const at = new Date(when).getTime();
    if (!Number.isFinite(at)) next.when = 'a date and time';
    else if (at > now + 60_000) next.when = 'the reading cannot be in the future';
    else if (cycle && at < cycle.start) next.when = `this cycle began ${formatDateTime(fmt, cycle.start)}`;
    setErrors(next);
    if (next.used || next.when) return;
    setBusy(true);
    try {
      // Whole minutes from the input; "now" within the same minute, or the time the form opened at
      // (a minute may have turned while the number was typed), is sent as the exact moment of saving.
      const exact = when === opened || Math.abs(at - now) < 60_000;
      await api.calibrate(k.id, n, exact ? Math.round(now) : at);
      announce(`Reading saved for ${k.name}`);
      onClose();
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
      setBusy(false);
    }
  };

  return (
    <Panel title={`Dashboard reading: ${k.name}`} onClose={onClose} testId="reading-form">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          Copy the API calls used this billing cycle from the {k.providerName} dashboard. Reading the
          dashboard costs no API calls; Headroom uses it to correct its estimate and forecast.
        </p>
        {estimate && <p className="muted">Headroom’s estimate now: {estimate}.</p>}
        <TextField
          label="Calls used this cycle"
          inputMode="numeric"
          value={used}
          onChange={setUsed}
          error={errors.used}
        />
        <TextField
          label="Read at"
          type="datetime-local"
          value={when}
          onChange={setWhen}
          error={errors.when}
        />
        <FormError error={errors.form} />
        <FormActions busy={busy} saveLabel="Save reading" onCancel={onClose} />
      </form>
    </Panel>
  );
}
