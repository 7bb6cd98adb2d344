// Add or edit a key. "Test key" probes once with what is typed (one API call) and shows what it found;
// Save stores it. Validation uses the contract's schema, with messages beside each field.
import { useId, useMemo, useRef, useState } from 'react';
import type { KeyView, TestKeyResult } from '../../../electron/ipc/contract';
import { useApi } from '../api';
import { useAnnounce } from '../app/announcer';
import { Panel } from '../components/Panel';
import { ConnectionFields } from './ConnectionFields';
import { FormActions, FormError, RadioGroup, TextField } from './fields';
import { draftFromKey, draftToInput, emptyDraft, type DraftErrors, type KeyDraft } from './key-draft';
import { PROVIDERS, timeZones } from './options';
import { PlanFields } from './PlanFields';
import { TestResultView } from './TestResultView';

interface Props {
  existing: KeyView | null;
  timeZone: string;
  onClose: () => void;
  onSaved: (keyId: string) => void;
}

export function KeyForm({ existing, timeZone, onClose, onSaved }: Props) {
  const api = useApi();
  const announce = useAnnounce();
  const [d, setDraft] = useState<KeyDraft>(() =>
    existing ? draftFromKey(existing, timeZone) : emptyDraft(timeZone),
  );
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [result, setResult] = useState<TestKeyResult | null>(null);
  /** The service found another key for the same project: its words, until "add anyway" or an edit. */
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const zonesId = useId();
  const zones = useMemo(() => timeZones(), []);

  const set = <K extends keyof KeyDraft>(field: K, value: KeyDraft[K]) => {
    setDraft((cur) => ({ ...cur, [field]: value }));
    setResult(null);
    setDuplicate(null);
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  /** Validates; on failure shows the errors and moves focus to the first invalid field. */
  const validated = () => {
    const r = draftToInput(d);
    if (r.ok) {
      setErrors({});
      return r.input;
    }
    setErrors(r.errors);
    announce(
      `Check the form: ${Object.keys(r.errors).length} field${Object.keys(r.errors).length === 1 ? '' : 's'} to fix`,
    );
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    return null;
  };

  const test = async () => {
    const input = validated();
    if (!input) return;
    setBusy('test');
    setResult(null);
    announce('Testing the key…');
    try {
      const r = await api.testKey(input);
      setResult(r);
      announce(r.ok ? `Key works. ${r.message}` : `Test failed. ${r.message}`);
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  const save = async (anyway = false) => {
    const input = validated();
    if (!input) return;
    setBusy('save');
    try {
      const r = await api.saveKey(anyway ? { ...input, allowDuplicate: true } : input);
      if (r.ok) {
        announce(`${d.name.trim()} saved`);
        onSaved(r.keyId);
        return;
      }
      if (r.duplicateOf && r.duplicateOf.length > 0) {
        setDuplicate(r.error);
        announce(r.error);
      } else setErrors({ form: r.error });
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    }
    setBusy(null);
  };

  return (
    <Panel title={existing ? `Edit ${existing.name}` : 'Add a key'} onClose={onClose} testId="key-form">
      <form
        ref={form}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          label="Name"
          value={d.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          placeholder="Production EU"
        />
        {!existing && (
          <RadioGroup
            legend="Provider"
            value={d.provider}
            onChange={(v) => set('provider', v)}
            options={PROVIDERS}
          />
        )}
        <ConnectionFields d={d} set={set} errors={errors} editing={existing !== null} />
        <PlanFields d={d} set={set} errors={errors} />
        {/* Zoho's credits are a rolling 24 hours: there is no renewal day to ask for. */}
        {d.provider !== 'zoho' && (
          <div className="pair">
            <TextField
              label="Cycle renews on day"
              inputMode="numeric"
              value={d.renewalDay}
              onChange={(v) => set('renewalDay', v)}
              error={errors.renewalDay}
            />
            <TextField
              label="Time zone"
              value={d.timeZone}
              onChange={(v) => set('timeZone', v)}
              error={errors.timeZone}
              list={zonesId}
            />
            <datalist id={zonesId}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
        )}
        <TextField
          label="Alert at (% used)"
          value={d.thresholds}
          onChange={(v) => set('thresholds', v)}
          error={errors.thresholds}
          hint="Up to five, e.g. 80, 90, 100"
        />
        <FormError error={errors.form} />
        {duplicate && (
          <div className="notice small prompt" data-tone="warning" data-testid="duplicate-prompt">
            <p>{duplicate}</p>
            <p className="prompt-actions">
              <button type="button" className="link" onClick={() => void save(true)} disabled={busy !== null}>
                {existing ? 'Save anyway' : 'Add anyway'}
              </button>
            </p>
          </div>
        )}
        {result && <TestResultView result={result} />}
        <FormActions busy={busy !== null} saving={busy === 'save'} saveLabel="Save" onCancel={onClose}>
          <button type="button" onClick={test} disabled={busy !== null}>
            {busy === 'test' ? 'Testing…' : 'Test key'}
          </button>
        </FormActions>
        <p className="hint">
          Test key makes one API call with what you typed. Tokens are stored encrypted and never shown again.
        </p>
      </form>
    </Panel>
  );
}
