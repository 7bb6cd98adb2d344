// The plan: its documented limits fill the windows responses do not show (Voucherify's cycle, bulk
// and webhooks). Enterprise needs its custom figures; every limit can be adjusted because plans change.
import type { DraftErrors, KeyDraft } from './key-draft';
import { useFmt } from '../app/fmt';
import { formatCount } from '../format/numbers';
import { SelectField, TextField } from './fields';
import { overridableWindows, voucherifyPlanOptions, zohoCreditsText, zohoEditionOptions } from './options';

interface Props {
  d: KeyDraft;
  set: <K extends keyof KeyDraft>(field: K, value: KeyDraft[K]) => void;
  errors: DraftErrors;
}

export function PlanFields({ d, set, errors }: Props) {
  const fmt = useFmt();
  const overridable = overridableWindows(d);
  const hasOverrides = overridable.some((w) => d.overrides[w.id].trim() !== '');
  const overrideError = overridable.some((w) => errors[`overrides.${w.id}`]);
  return (
    <>
      {d.provider === 'voucherify' && (
        <SelectField
          label="Plan"
          value={d.voucherifyPlan}
          onChange={(v) => set('voucherifyPlan', v)}
          options={voucherifyPlanOptions(fmt)}
          error={errors.voucherifyPlan}
        />
      )}
      {d.provider === 'voucherify' && d.voucherifyPlan === 'enterprise' && (
        <fieldset className="group">
          <legend>Your contract’s limits</legend>
          <div className="pair">
            <SelectField
              label="Request window"
              value={d.entPeriod}
              onChange={(v) => set('entPeriod', v)}
              options={[
                { value: 'hour', label: 'per hour' },
                { value: 'minute', label: 'per minute' },
              ]}
            />
            <TextField
              label="Requests"
              inputMode="numeric"
              value={d.entRequests}
              onChange={(v) => set('entRequests', v)}
              error={errors.entRequests}
            />
          </div>
          <div className="pair">
            <TextField
              label="Billing cycle"
              inputMode="numeric"
              value={d.entCycle}
              onChange={(v) => set('entCycle', v)}
              error={errors.entCycle}
              hint="Blank: none"
            />
            <TextField
              label="Bulk / hour"
              inputMode="numeric"
              value={d.entBulk}
              onChange={(v) => set('entBulk', v)}
              error={errors.entBulk}
              hint="Blank: none"
            />
          </div>
          <TextField
            label="Webhooks / day"
            inputMode="numeric"
            value={d.entWebhooks}
            onChange={(v) => set('entWebhooks', v)}
            error={errors.entWebhooks}
            hint="Blank: none"
          />
        </fieldset>
      )}
      {d.provider === 'zoho' && (
        <div className="pair">
          <SelectField
            label="Edition"
            value={d.zohoEdition}
            onChange={(v) => set('zohoEdition', v)}
            options={zohoEditionOptions()}
          />
          <TextField
            label="User licences"
            inputMode="numeric"
            value={d.zohoUsers}
            onChange={(v) => set('zohoUsers', v)}
            error={errors.zohoUsers}
          />
        </div>
      )}
      {d.provider === 'zoho' && (
        <p className="hint">{zohoCreditsText(fmt, d.zohoEdition, d.zohoUsers) ?? ''}</p>
      )}
      {d.provider === 'generic' && (
        <p className="hint">Limits come from the API’s own headers; Headroom shows what it reads.</p>
      )}
      {overridable.length > 0 && (
        <details className="group" open={hasOverrides || overrideError}>
          <summary>Adjust limits (plans change)</summary>
          <div className="grid-2">
            {overridable.map((w) => (
              <TextField
                key={w.id}
                label={w.label}
                inputMode="numeric"
                value={d.overrides[w.id]}
                placeholder={formatCount(fmt, w.planLimit)}
                onChange={(v) => set('overrides', { ...d.overrides, [w.id]: v })}
                error={errors[`overrides.${w.id}`]}
              />
            ))}
          </div>
        </details>
      )}
    </>
  );
}
