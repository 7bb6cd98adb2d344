// Where the key lives and how it authenticates, per provider. Secrets are password inputs, never
// pre-filled; on edit a blank one keeps the stored secret.
import type { DraftErrors, KeyDraft } from './key-draft';
import { CheckField, SelectField, TextField } from './fields';
import { DATA_CENTRES, REGIONS, RESET_FORMAT_OPTIONS } from './options';

interface Props {
  d: KeyDraft;
  set: <K extends keyof KeyDraft>(field: K, value: KeyDraft[K]) => void;
  errors: DraftErrors;
  editing: boolean;
}

export function ConnectionFields({ d, set, errors, editing }: Props) {
  const keepHint = editing ? 'Leave blank to keep the stored token.' : undefined;
  if (d.provider === 'voucherify')
    return (
      <>
        <SelectField
          label="Region"
          value={d.region}
          onChange={(v) => set('region', v)}
          options={REGIONS}
          error={errors.region}
        />
        {d.region === 'custom' && (
          <TextField
            label="Cluster base URL"
            type="url"
            value={d.voucherifyUrl}
            onChange={(v) => set('voucherifyUrl', v)}
            placeholder="https://yourcluster.api.voucherify.io"
            error={errors.voucherifyUrl}
          />
        )}
        <TextField
          label="Application ID"
          value={d.appId}
          onChange={(v) => set('appId', v)}
          error={errors.appId}
          hint="Project settings → Application keys in the Voucherify dashboard."
        />
        <TextField
          label="Secret key (App token)"
          type="password"
          value={d.token}
          onChange={(v) => set('token', v)}
          error={errors.token}
          hint={keepHint}
          autoComplete="new-password"
        />
        <CheckField
          label="Client-side key"
          checked={d.clientSide}
          onChange={(v) => set('clientSide', v)}
          hint="Client keys are limited to 5 requests per 5 s per IP."
        />
      </>
    );
  if (d.provider === 'zoho')
    return (
      <>
        <SelectField
          label="Data centre"
          value={d.dataCentre}
          onChange={(v) => set('dataCentre', v)}
          options={DATA_CENTRES}
          error={errors.dataCentre}
        />
        <TextField
          label="Client ID"
          value={d.zohoClientId}
          onChange={(v) => set('zohoClientId', v)}
          error={errors.zohoClientId}
          hint="Zoho API Console → Self Client → Client Secret tab."
        />
        <TextField
          label="Client secret"
          type="password"
          value={d.zohoClientSecret}
          onChange={(v) => set('zohoClientSecret', v)}
          error={errors.zohoClientSecret}
          hint={editing ? 'Leave blank to keep the stored secret.' : undefined}
          autoComplete="new-password"
        />
        <TextField
          label="Refresh token"
          type="password"
          value={d.zohoRefreshToken}
          onChange={(v) => set('zohoRefreshToken', v)}
          error={errors.zohoRefreshToken}
          hint={
            editing
              ? 'Leave blank to keep the stored token.'
              : 'From a grant code with scope ZohoCRM.org.READ. Headroom refreshes the 1-hour access tokens itself; a refresh is not an API credit.'
          }
          autoComplete="new-password"
        />
        <details className="group" open={Boolean(d.zohoApiUrl || d.zohoAccountsUrl)}>
          <summary>Proxy or simulator</summary>
          <TextField
            label="API base URL"
            type="url"
            value={d.zohoApiUrl}
            onChange={(v) => set('zohoApiUrl', v)}
            placeholder="https://www.zohoapis.com"
            error={errors.zohoApiUrl}
            hint="Blank: the data centre’s."
          />
          <TextField
            label="Accounts server URL"
            type="url"
            value={d.zohoAccountsUrl}
            onChange={(v) => set('zohoAccountsUrl', v)}
            placeholder="https://accounts.zoho.com"
            error={errors.zohoAccountsUrl}
            hint="Blank: the data centre’s."
          />
        </details>
      </>
    );
  return (
    <>
      <TextField
        label="Base URL"
        type="url"
        value={d.genericUrl}
        onChange={(v) => set('genericUrl', v)}
        placeholder="https://api.example.com"
        error={errors.genericUrl}
      />
      <TextField
        label="Probe path"
        value={d.path}
        onChange={(v) => set('path', v)}
        placeholder="/"
        error={errors.path}
        hint="A cheap GET; each probe costs one call."
      />
      <div className="pair">
        <TextField
          label="Auth header"
          value={d.authHeader}
          onChange={(v) => set('authHeader', v)}
          error={errors.authHeader}
        />
        <TextField
          label="Scheme"
          value={d.authScheme}
          onChange={(v) => set('authScheme', v)}
          error={errors.authScheme}
        />
      </div>
      <TextField
        label="Token"
        type="password"
        value={d.token}
        onChange={(v) => set('token', v)}
        error={errors.token}
        hint={keepHint}
        autoComplete="new-password"
      />
      <SelectField
        label="Read quota from"
        value={d.profile}
        onChange={(v) => set('profile', v)}
        options={[
          { value: 'auto', label: 'Detect the headers automatically' },
          { value: 'custom', label: 'Headers I name' },
        ]}
      />
      {d.profile === 'custom' && (
        <>
          <div className="pair">
            <TextField
              label="Limit header"
              value={d.limitHeader}
              onChange={(v) => set('limitHeader', v)}
              placeholder="X-RateLimit-Limit"
              error={errors.limitHeader}
            />
            <TextField
              label="Remaining header"
              value={d.remainingHeader}
              onChange={(v) => set('remainingHeader', v)}
              placeholder="X-RateLimit-Remaining"
              error={errors.remainingHeader}
            />
          </div>
          <div className="pair">
            <TextField
              label="Reset header"
              value={d.resetHeader}
              onChange={(v) => set('resetHeader', v)}
              placeholder="X-RateLimit-Reset"
              error={errors.resetHeader}
            />
            <SelectField
              label="Reset written as"
              value={d.resetFormat}
              onChange={(v) => set('resetFormat', v)}
              options={RESET_FORMAT_OPTIONS}
            />
          </div>
        </>
      )}
    </>
  );
}
