// The key form's model: what it sends to main, and the messages it shows for what main would refuse.
import { describe, expect, it } from 'vitest';
import {
  draftFromKey,
  draftToInput,
  emptyDraft,
  parseThresholds,
  type KeyDraft,
} from '../../renderer/src/forms/key-draft';
import { settingsDraft, settingsToPatch } from '../../renderer/src/forms/settings-draft';
import { appState, key } from './support/fixtures';

const filled = (over: Partial<KeyDraft> = {}): KeyDraft => ({
  ...emptyDraft('Europe/Warsaw'),
  name: 'Production EU',
  appId: 'app-id-123',
  token: 'secret-token-value',
  ...over,
});

describe('key draft to KeyInput', () => {
  it('builds a Voucherify key with its token, plan, cycle and thresholds', () => {
    const r = draftToInput(filled({ thresholds: '90, 75,100', renewalDay: '15' }));
    expect(r).toEqual({
      ok: true,
      input: {
        name: 'Production EU',
        connection: { provider: 'voucherify', region: 'eu', appId: 'app-id-123', clientSide: false },
        secrets: { token: 'secret-token-value' },
        plan: { provider: 'voucherify', plan: 'startup' },
        cycle: { renewalDay: 15, timeZone: 'Europe/Warsaw' },
        thresholds: [90, 75, 100],
      },
    });
  });

  it('asks for the token when adding, and keeps the stored one when editing with a blank field', () => {
    const add = draftToInput(filled({ token: '' }));
    expect(add.ok).toBe(false);
    if (!add.ok) expect(add.errors.token).toMatch(/token/);
    const edit = draftToInput({ ...draftFromKey(key(), 'UTC'), token: '' });
    expect(edit.ok && edit.input.secrets).toEqual({});
    expect(edit.ok && edit.input.id).toBe('prod-eu');
  });

  it('puts each problem beside its field, in words a user can act on', () => {
    const r = draftToInput(
      filled({
        name: ' ',
        appId: '',
        region: 'custom',
        voucherifyUrl: 'ftp://nope',
        renewalDay: '32',
        timeZone: 'Mars/Olympus',
        thresholds: '80, 90, 95, 97, 99, 100',
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name).toBe('Name is empty: give the key a name');
    // An empty text field is not asked for "a whole number".
    expect(r.errors.appId).toBe('Application ID is empty: paste the App ID from the dashboard');
    expect(r.errors.voucherifyUrl).toBe('Cluster base URL is not valid: must start with http:// or https://');
    expect(r.errors.renewalDay).toBe('Cycle renews on day is not valid: a day of the month, 1 to 31');
    expect(r.errors.timeZone).toMatch(/^Time zone is not valid: a time zone/);
    expect(r.errors.thresholds).toMatch(/^Alert at \(% used\) is not valid: up to five/);
  });

  it('requires the Enterprise plan’s request limit, and sends blanks as "none"', () => {
    const missing = draftToInput(filled({ voucherifyPlan: 'enterprise' }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.entRequests).toBe('Requests is empty: enter a whole number');
    const ok = draftToInput(
      filled({ voucherifyPlan: 'enterprise', entPeriod: 'minute', entRequests: '2,000', entCycle: '300000' }),
    );
    expect(ok.ok && ok.input.plan).toEqual({
      provider: 'voucherify',
      plan: 'enterprise',
      enterprise: { period: 'minute', requests: 2000, bulk: null, cycle: 300000, webhooksPerDay: null },
    });
  });

  it('sends only the limits the user adjusted, and refuses what is not a number', () => {
    const d = filled();
    const ok = draftToInput({ ...d, overrides: { ...d.overrides, api_calls_cycle: '12000' } });
    expect(ok.ok && ok.input.plan).toEqual({
      provider: 'voucherify',
      plan: 'startup',
      overrides: { api_calls_cycle: 12000 },
    });
    const bad = draftToInput({ ...d, overrides: { ...d.overrides, api_calls: 'lots' } });
    expect(!bad.ok && bad.errors['overrides.api_calls']).toBe(
      'Requests limit is not a number: enter a whole number, e.g. 2000',
    );
    const negative = draftToInput({ ...d, overrides: { ...d.overrides, api_calls: '-5' } });
    expect(!negative.ok && negative.errors['overrides.api_calls']).toMatch(
      /^Requests limit must be at least/,
    );
  });

  it('builds Zoho and other-API connections', () => {
    const zohoDraft = {
      provider: 'zoho',
      dataCentre: 'eu',
      zohoEdition: 'professional',
      zohoUsers: '12',
      zohoClientId: ' 1000.CLIENT ',
      zohoClientSecret: 'client-secret-1',
      zohoRefreshToken: '1000.refresh.token',
    } as const;
    const zoho = draftToInput(filled(zohoDraft));
    expect(zoho.ok && zoho.input.connection).toEqual({
      provider: 'zoho',
      dataCentre: 'eu',
      clientId: '1000.CLIENT',
    });
    expect(zoho.ok && zoho.input.plan).toEqual({ provider: 'zoho', edition: 'professional', users: 12 });
    // The self client's two secrets go to main; no bare access token is asked for.
    expect(zoho.ok && zoho.input.secrets).toEqual({
      clientSecret: 'client-secret-1',
      refreshToken: '1000.refresh.token',
    });
    // A new Zoho key needs all three parts, each error beside its own field.
    const missing = draftToInput(
      filled({ ...zohoDraft, zohoClientId: '', zohoClientSecret: '', zohoRefreshToken: '' }),
    );
    expect(!missing.ok && missing.errors).toMatchObject({
      zohoClientId: expect.stringMatching(/Client ID/),
      zohoClientSecret: expect.stringMatching(/Client Secret/),
      zohoRefreshToken: expect.stringMatching(/refresh token/),
    });
    // On edit, blank secrets keep the stored ones.
    const edit = draftToInput(
      filled({ ...zohoDraft, id: 'k-123456', zohoClientSecret: '', zohoRefreshToken: '' }),
    );
    expect(edit.ok && edit.input.secrets).toEqual({});
    const generic = draftToInput(
      filled({
        provider: 'generic',
        genericUrl: 'https://api.example.com',
        profile: 'custom',
        remainingHeader: 'X-Left',
      }),
    );
    expect(generic.ok && generic.input.connection).toMatchObject({
      provider: 'generic',
      baseUrl: 'https://api.example.com',
      path: '/',
      custom: { remainingHeader: 'X-Left', resetFormat: 'epoch-seconds' },
    });
    const noHeaders = draftToInput(
      filled({ provider: 'generic', genericUrl: 'https://api.example.com', profile: 'custom' }),
    );
    expect(!noHeaders.ok && noHeaders.errors.limitHeader).toMatch(
      /^Limit header is empty: name at least one/,
    );
  });

  it('round-trips an existing key without its secret', () => {
    const d = draftFromKey(key(), 'UTC');
    expect(d.token).toBe('');
    expect(d).toMatchObject({
      name: 'Production EU',
      appId: '3f9a2b7c-c21d',
      voucherifyPlan: 'startup',
      thresholds: '80, 90, 100',
    });
  });

  it('parses thresholds typed loosely', () => {
    expect(parseThresholds('80% 90%, 100')).toEqual([80, 90, 100]);
    expect(parseThresholds('eighty')).toBeNull();
    expect(parseThresholds('')).toBeNull();
  });
});

describe('settings draft', () => {
  it('makes a complete patch and refuses out-of-range values with a reason', () => {
    const d = settingsDraft(appState().settings);
    const ok = settingsToPatch({ ...d, budgetPercent: '2.5', theme: 'dark' });
    expect(ok.ok && ok.patch.monitoring?.budgetPercent).toBe(2.5);
    expect(ok.ok && ok.patch.theme).toBe('dark');
    const bad = settingsToPatch({ ...d, budgetPercent: '50', quietEnabled: true, quietStart: '25:00' });
    expect(!bad.ok && bad.errors).toMatchObject({
      budgetPercent: 'a share from 0.1 to 10 %',
      quietStart: 'a time like 22:00',
    });
  });
});

describe('every message names its field and what is wrong', () => {
  // Everything a user can type, blanked or garbled, for each provider: no message may be a bare
  // instruction, and a text field is never asked for a number.
  const garbled = (provider: KeyDraft['provider']): KeyDraft => ({
    ...emptyDraft('Europe/Warsaw'),
    provider,
    name: '',
    appId: '',
    region: 'custom',
    voucherifyUrl: 'nope',
    genericUrl: '',
    path: 'no slash',
    authHeader: '',
    profile: 'custom',
    voucherifyPlan: 'enterprise',
    entRequests: '',
    entCycle: 'x',
    zohoUsers: '',
    renewalDay: '0',
    timeZone: 'Nowhere/Else',
    thresholds: 'lots',
  });
  const NAMED =
    /^(Name|Application ID|Cluster base URL|Client ID|Client secret|Refresh token|Base URL|Probe path|Auth header|Limit header|Token|Secret key \(App token\)|Requests|Billing cycle|User licences|Cycle renews on day|Time zone|Alert at \(% used\)) (is|must)/;
  for (const provider of ['voucherify', 'zoho', 'generic'] as const) {
    it(`${provider}: each error starts with the field's label`, () => {
      const r = draftToInput(garbled(provider));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const entries = Object.entries(r.errors);
      expect(entries.length).toBeGreaterThan(3);
      for (const [field, message] of entries) {
        expect(message, field).toMatch(NAMED);
        if (!/^(ent|zohoUsers|overrides)/.test(field)) expect(message, field).not.toMatch(/whole number/);
      }
    });
  }

  it('an empty auth header on an Other API key says so', () => {
    const r = draftToInput(
      filled({ provider: 'generic', genericUrl: 'https://api.example.com', authHeader: ' ' }),
    );
    expect(!r.ok && r.errors.authHeader).toBe(
      'Auth header is empty: the header that carries the key, e.g. Authorization',
    );
  });
});
