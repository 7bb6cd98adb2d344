// A card per key: who it is, its lead window, the billing cycle, what is wrong, and what to do.
// Details (other windows, provenance, probes, credentials) expand on demand so two keys fit the popover.
import { useId, useState } from 'react';
import type { KeyView } from '../../../electron/ipc/contract';
import { useAnnounce } from '../app/announcer';
import { useApi } from '../api';
import { statusWord } from '../format/status';
import { gaugeWindows, primaryWindow } from '../select/windows';
import { BlockedNotice } from './BlockedNotice';
import { ConfirmDelete } from './ConfirmDelete';
import { CycleSection } from './CycleSection';
import { ChevronIcon, RefreshIcon } from './icons';
import { KeyDetails } from './KeyDetails';
import { KeyPrompts } from './KeyPrompts';
import { ProbeStatus } from './ProbeStatus';
import { ProblemNotice } from './ProblemNotice';
import { WindowRow } from './WindowRow';

export interface KeyCardActions {
  onEdit: (keyId: string) => void;
  onReading: (keyId: string) => void;
  /** Opens the key's History (past cycles, track record, Export…). */
  onHistory?: (keyId: string) => void;
}

interface Props extends KeyCardActions {
  k: KeyView;
  worst: boolean;
  expanded: boolean;
  onToggle: (keyId: string) => void;
}

// Outcomes whose fix is in the key's settings (credentials, region or URL), as the service's advice says.
const FIXABLE_OUTCOMES = new Set(['unauthorized', 'dns', 'tls', 'unexpected']);

export function KeyCard({ k, worst, expanded, onToggle, onEdit, onReading, onHistory }: Props) {
  const api = useApi();
  const announce = useAnnounce();
  const titleId = useId();
  const detailsId = useId();
  const [requested, setRequested] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const probing = requested || k.probing;
  const primary = primaryWindow(k.windows);
  const others = gaugeWindows(k.windows).filter((w) => w !== primary);
  const blocksPrimary = k.blocked !== null && primary !== null && k.blocked.windowId === primary.id;
  const fixable = k.problem && !k.demo && FIXABLE_OUTCOMES.has(k.lastProbe?.outcome ?? '');

  const probe = async () => {
    if (probing) return;
    setRequested(true);
    announce(`Probing ${k.name}…`);
    try {
      await api.probeNow(k.id);
    } catch (e) {
      announce(`${k.name}: probe failed to start: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRequested(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    try {
      await api.deleteKey(k.id);
      announce(`${k.name} deleted`);
    } catch (e) {
      setDeleting(false);
      setConfirming(false);
      announce(`Could not delete ${k.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <article
      className="card"
      id={`key-${k.id}`}
      data-status={k.status}
      data-worst={worst || undefined}
      aria-labelledby={titleId}
      aria-busy={probing || undefined}
      tabIndex={-1}
      data-testid={`card-${k.id}`}
    >
      <div className="card-head">
        <span className="dot" data-tone={k.status} aria-hidden="true" />
        <h2 id={titleId} className="card-title">
          {k.name}
        </h2>
        <span className="card-meta">
          {[k.providerName, k.planName, k.location].filter(Boolean).join(' · ')}
        </span>
        <span className="chip" data-tone={k.status}>
          {statusWord(k.status)}
        </span>
      </div>

      {/* A block on the lead window is shown in its row (limit reached, retry countdown); any other
          block (the billing cycle, webhooks) gets its own line. */}
      {k.blocked && !blocksPrimary && <BlockedNotice blocked={k.blocked} windows={k.windows} />}
      {k.problem && <ProblemNotice problem={k.problem} onEdit={fixable ? () => onEdit(k.id) : null} />}
      <KeyPrompts k={k} onEdit={onEdit} onReading={onReading} />
      {primary ? (
        <WindowRow window={primary} thresholds={k.thresholds} block={blocksPrimary ? k.blocked : null} />
      ) : (
        !k.problem && <p className="muted small">No quota figures yet: probe to read them.</p>
      )}
      {k.cycle && (
        <CycleSection
          cycle={k.cycle}
          thresholds={k.thresholds}
          failing={k.problem !== null}
          onReading={() => onReading(k.id)}
        />
      )}
      {expanded && (
        <div id={detailsId}>
          <KeyDetails k={k} others={others} />
          {!k.demo &&
            (confirming ? (
              <ConfirmDelete
                name={k.name}
                busy={deleting}
                onConfirm={remove}
                onCancel={() => setConfirming(false)}
              />
            ) : (
              <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
                Delete key
              </button>
            ))}
        </div>
      )}

      <div className="card-actions">
        <button
          type="button"
          onClick={probe}
          aria-disabled={probing || undefined}
          data-busy={probing || undefined}
        >
          <RefreshIcon />
          {probing ? 'Probing…' : 'Probe now'}
        </button>
        {k.cycle && (
          <button type="button" onClick={() => onReading(k.id)}>
            Reading
          </button>
        )}
        {k.cycle && onHistory && (
          <button type="button" onClick={() => onHistory(k.id)}>
            History
          </button>
        )}
        {!k.demo && (
          <button type="button" onClick={() => onEdit(k.id)}>
            Edit
          </button>
        )}
        <ProbeStatus probe={k.lastProbe} probing={probing} />
        <button
          type="button"
          className="more icon-button"
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          aria-label={`Details of ${k.name}`}
          title="Details"
          onClick={() => onToggle(k.id)}
        >
          <ChevronIcon />
        </button>
      </div>
    </article>
  );
}
