// Every figure says where it came from and how old it is: observed, estimated, plan or your reading.
import type { Source } from '../../../electron/core/quota/model';
import { useFmt } from '../app/fmt';
import { useNow } from '../app/now';
import { provenanceOf, sourceLabel } from '../format/source';

interface Props {
  source: Source;
  /** When the figure was observed (service clock); ages tick with the shared clock. */
  observedAt: number | null;
  stale?: boolean;
}

export function SourceBadge({ source, observedAt, stale = false }: Props) {
  const fmt = useFmt();
  const now = useNow();
  const p = provenanceOf(source);
  const showAge = p === 'observed' || p === 'yours';
  const age = showAge && observedAt !== null ? now - observedAt : null;
  return (
    <span className="badge" data-provenance={p} data-stale={stale || undefined}>
      {sourceLabel(fmt, source, age)}
    </span>
  );
}
