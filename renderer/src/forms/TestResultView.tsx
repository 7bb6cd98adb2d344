// What "Test key" found: the provider, the windows it read, warnings; or the error and what to do.
import { useEffect, useRef } from 'react';
import type { TestKeyResult } from '../../../electron/ipc/contract';
import { useFmt } from '../app/fmt';
import { formatCount } from '../format/numbers';
import { formatWhen } from '../format/time';
import { useNow } from '../app/now';
import { adviceFor } from './advice';

const PROVIDER_NAMES: Record<string, string> = {
  voucherify: 'Voucherify',
  zoho: 'Zoho CRM',
  github: 'GitHub',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  custom: 'your headers',
};

/** The parser's profile id in words ("voucherify" -> "Voucherify"); unknown ids as they come. */
export function providerName(id: string): string {
  return PROVIDER_NAMES[id] ?? id;
}

export function TestResultView({ result }: { result: TestKeyResult }) {
  const fmt = useFmt();
  const now = useNow();
  const box = useRef<HTMLDivElement>(null);
  // A new result is shown where the user can see it (the form may be scrolled to its top).
  useEffect(() => {
    void box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result]);
  const advice = result.ok ? null : adviceFor(result.outcome, result.connection);
  const meta = [
    result.status !== null ? `HTTP ${result.status}` : null,
    result.latencyMs !== null ? `${formatCount(fmt, result.latencyMs)} ms` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      ref={box}
      className="test-result notice"
      data-tone={result.ok ? 'ok' : 'error'}
      data-testid="test-result"
    >
      <p>
        <strong>
          {result.ok ? `Works${result.provider ? `: ${providerName(result.provider)}` : ''}` : 'Test failed'}
        </strong>
        {meta && <span className="muted"> ({meta})</span>}
      </p>
      {/* The windows below say what the message would; it is kept when there are none, or on failure. */}
      {(!result.ok || result.windows.length === 0) && <p>{result.message}</p>}
      {advice && <p>{advice}</p>}
      {result.windows.length > 0 && (
        <ul className="found">
          {result.windows.map((w) => (
            <li key={w.id}>
              {w.label}:{' '}
              {w.remaining !== null && w.limit !== null
                ? `${formatCount(fmt, w.remaining)} / ${formatCount(fmt, w.limit)} left`
                : w.limit !== null
                  ? `limit ${formatCount(fmt, w.limit)}`
                  : w.remaining !== null
                    ? `${formatCount(fmt, w.remaining)} left`
                    : 'no figures'}
              {w.resetAt !== null ? `, resets ${formatWhen(fmt, w.resetAt, now)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {result.ok && result.windows.length === 0 && result.provider === 'zoho' && (
        <p>
          Zoho sends no quota headers: Headroom shows your edition’s credits per rolling 24 hours and counts
          its own probes (1 credit each); token refreshes cost no credits.
        </p>
      )}
      {result.ok && result.windows.length === 0 && result.provider !== 'zoho' && (
        <p>
          No quota headers were found. Headroom can still watch errors and 429s; for Other APIs, name the
          headers under “Read quota from”.
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
