// The last probe's result in a fixed slot at the end of a card's actions: a tick or a cross, the
// HTTP status or latency, and its age. The full message is in Details and was announced when it came.
import type { ProbeSummary } from '../../../electron/ipc/contract';
import { useFmt } from '../app/fmt';
import { useNow } from '../app/now';
import { formatAge } from '../format/time';

/**
 * A tick for a good probe; for a failed one, its HTTP status or the kind of failure; a probe that was
 * not sent (deferred: the budget or a block held it back) is neither, so it gets no tick.
 */
export function probeShort(p: ProbeSummary): { ok: boolean | null; text: string } {
  if (p.outcome === 'ok') return { ok: true, text: '' };
  if (p.outcome === 'deferred') return { ok: null, text: 'not sent' };
  return { ok: false, text: p.status !== null ? `${p.status}` : p.outcome };
}

const MARK = { true: '✓', false: '✕', null: '–' } as const;

export function ProbeStatus({ probe, probing }: { probe: ProbeSummary | null; probing: boolean }) {
  const fmt = useFmt();
  const now = useNow();
  if (probing)
    return (
      <span className="probe-status" aria-hidden="true">
        <span className="spinner" />
      </span>
    );
  if (!probe) return <span className="probe-status" aria-hidden="true" />;
  const s = probeShort(probe);
  return (
    <span className="probe-status" data-ok={s.ok ?? 'none'} title={probe.message}>
      <span aria-hidden="true">{MARK[`${s.ok}`]}</span> {s.text ? `${s.text}, ` : ''}
      {formatAge(fmt, now - probe.at)}
      <span className="sr-only">: last probe {probe.message}</span>
    </span>
  );
}
