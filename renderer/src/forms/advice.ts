// What to do after a failed probe or key test, by outcome. The service's message says what happened;
// this says what the user can do about it, naming only fields the key's form has.
import type { ProbeOutcomeName, TestKeyResult } from '../../../electron/ipc/contract';

type ConnectionKind = NonNullable<TestKeyResult['connection']>;

const ADVICE: Record<ProbeOutcomeName, string | null> = {
  ok: null,
  deferred: 'Headroom held the probe back to stay within its monitoring budget; it will try later.',
  // Per kind of key below: each names the fields its form shows.
  unauthorized: 'Check the token you entered: copy it again from the provider’s dashboard.',
  blocked: 'The key is at a limit right now. The key is saved as is; Headroom retries when the limit lifts.',
  'plan-exceeded':
    'The provider says the plan or subscription does not allow this: check billing in its dashboard.',
  'server-error': 'The provider answered with an error. Try again in a few minutes.',
  timeout: 'No answer in time. Check your connection, or the base URL for a dedicated cluster.',
  dns: 'The host name could not be found. Check the region or the base URL.',
  connection: 'Could not connect. Check your network, proxy or firewall.',
  tls: 'The secure connection failed. Check the URL (https) and your proxy’s certificates.',
  unexpected: 'The answer was not what Headroom expected. Check the base URL and probe path.',
};

const UNAUTHORIZED: Record<ConnectionKind, string> = {
  voucherify:
    'Check the Application ID and the secret key (App token): copy them again from the Voucherify dashboard, and check the region.',
  zoho: 'Check the Client ID, client secret and refresh token of the self client, and the data centre.',
  generic:
    'Check the token: copy it again from the provider’s dashboard. Check too the auth header and scheme it is sent with (e.g. Authorization: Bearer).',
};

const NOT_FOUND: Record<ConnectionKind, string> = {
  voucherify: 'The host name could not be found. Check the region or the cluster base URL.',
  zoho: 'The host name could not be found. Check the data centre, or the API base URL.',
  generic: 'The host name could not be found. Check the base URL.',
};

export function adviceFor(outcome: ProbeOutcomeName, connection?: ConnectionKind): string | null {
  if (connection && outcome === 'unauthorized') return UNAUTHORIZED[connection];
  if (connection && outcome === 'dns') return NOT_FOUND[connection];
  return ADVICE[outcome];
}
