// What to do after a failed probe or key test, by outcome. The service's message says what happened;
// this says what the user can do about it.
import type { ProbeOutcomeName } from '../../../electron/ipc/contract';

const ADVICE: Record<ProbeOutcomeName, string | null> = {
  ok: null,
  deferred: 'Headroom held the probe back to stay within its monitoring budget; it will try later.',
  unauthorized: 'Check the ID and the secret token: copy them again from the provider’s dashboard.',
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

export function adviceFor(outcome: ProbeOutcomeName): string | null {
  return ADVICE[outcome];
}
