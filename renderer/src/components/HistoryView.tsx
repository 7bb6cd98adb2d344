// A key's History: past cycles as bars (used vs the cycle quota, with the plan's line; an estimate
// shows its 80 % band), the forecast's track record in one sentence, this cycle against the same
// point of the previous ones, and Export… (a save dialog in Electron, a download in the browser).
import { useEffect, useId, useState } from 'react';
import type { ExportResult, KeyHistoryView, KeyView } from '../../../electron/ipc/contract';
import { useApi } from '../api';
import { useAnnounce } from '../app/announcer';
import { useFmt } from '../app/fmt';
import { formatCount } from '../format/numbers';
import { formatDayRange } from '../format/time';
import { Panel } from './Panel';

interface Props {
  k: KeyView;
  onClose: () => void;
}

const CHART_W = 300;
const CHART_H = 110;
const BARS_SHOWN = 12;

export function HistoryView({ k, onClose }: Props) {
  const api = useApi();
  const [history, setHistory] = useState<KeyHistoryView | null | 'loading'>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .getHistory(k.id)
      .then((h) => live && setHistory(h ?? null))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api, k.id]);

  return (
    <Panel title={`History: ${k.name}`} onClose={onClose} testId="history">
      {error && <p role="alert">Could not load the history: {error}</p>}
      {history === 'loading' && !error && <p className="muted">Loading…</p>}
      {history === null && <p className="muted">No history for this key.</p>}
      {history && history !== 'loading' && <HistoryBody h={history} />}
      <ExportControls keyId={k.id} keyName={k.name} />
    </Panel>
  );
}

function HistoryBody({ h }: { h: KeyHistoryView }) {
  const fmt = useFmt();
  const titleId = useId();
  const cycles = h.cycles.slice(-BARS_SHOWN);
  if (cycles.length === 0)
    return (
      <p className="muted">
        No finished cycle yet. At each renewal Headroom keeps the cycle&apos;s final figure, its days, its
        busiest hour, its probes and alerts, and what the forecast said along the way.
      </p>
    );
  const top = Math.max(...cycles.map((c) => Math.max(c.high, c.limit ?? 0)), h.limit ?? 0, 1) * 1.08;
  const y = (v: number) => CHART_H - (v / top) * CHART_H;
  const slot = CHART_W / cycles.length;
  const barW = Math.min(28, slot * 0.6);
  const summary = cycles
    .map(
      (c) =>
        `${formatDayRange(fmt, c.start, c.end - 1)}: ${formatCount(fmt, c.used)}${c.exact ? '' : ' (estimate)'}` +
        (c.limit ? ` of ${formatCount(fmt, c.limit)}` : '') +
        (c.ranOutAt ? ', ran out' : ''),
    )
    .join('; ');
  return (
    <>
      <figure className="history-chart">
        <svg
          viewBox={`0 0 ${CHART_W} ${CHART_H + 18}`}
          role="img"
          aria-labelledby={titleId}
          data-testid="history-chart"
        >
          <title id={titleId}>{`Past cycles, calls used: ${summary}`}</title>
          {cycles.map((c, i) => {
            const x = i * slot + (slot - barW) / 2;
            return (
              <g key={c.start} data-ran-out={c.ranOutAt !== null || undefined}>
                <rect
                  className="history-bar"
                  data-exact={c.exact || undefined}
                  x={x}
                  y={y(c.used)}
                  width={barW}
                  height={CHART_H - y(c.used)}
                />
                {!c.exact && (
                  <line
                    className="history-band"
                    x1={x + barW / 2}
                    x2={x + barW / 2}
                    y1={y(c.high)}
                    y2={y(c.low)}
                  />
                )}
                <text className="history-label" x={x + barW / 2} y={CHART_H + 13} textAnchor="middle">
                  {fmt.day.format(c.start)}
                </text>
              </g>
            );
          })}
          {h.limit !== null && (
            <line className="history-limit" x1={0} x2={CHART_W} y1={y(h.limit)} y2={y(h.limit)} />
          )}
        </svg>
        <figcaption className="muted small">
          Calls used per cycle
          {h.limit !== null ? `; the line is the plan's ${formatCount(fmt, h.limit)}` : ''}. Hollow bars are
          estimates (the whisker is the 80 % band).
        </figcaption>
      </figure>
      {h.trackRecord ? (
        <p className="history-text" data-testid="track-record">
          {h.trackRecord.sentence}
        </p>
      ) : (
        <p className="muted history-text" data-testid="track-record">
          No forecast track record yet: it is kept from the first cycle the app watches at 25, 50 and 75 %.
        </p>
      )}
      {h.samePoint && (
        <p className="history-text" data-testid="same-point">
          {h.samePoint.sentence}
        </p>
      )}
      <table className="history-table">
        <caption className="sr-only">Past cycles</caption>
        <thead>
          <tr>
            <th scope="col">Cycle</th>
            <th scope="col">Used</th>
            <th scope="col">Probes</th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody>
          {[...cycles].reverse().map((c) => (
            <tr key={c.start}>
              <th scope="row">{formatDayRange(fmt, c.start, c.end - 1)}</th>
              <td>
                {formatCount(fmt, c.used)}
                {c.exact ? '' : ` ±${formatCount(fmt, Math.round((c.high - c.low) / 2))}`}
                {c.ranOutAt ? ' (ran out)' : ''}
              </td>
              <td>{formatCount(fmt, c.probesSent)}</td>
              <td>{formatCount(fmt, c.alerts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ExportControls({ keyId, keyName }: { keyId: string; keyName: string }) {
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (format: 'csv' | 'json', scope: 'key' | 'all') => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await api.exportData(scope === 'key' ? { format, keyId } : { format });
      const text = describe(result);
      if (result.status === 'download') download(result);
      setMessage(text);
      announce(text);
    } catch (e) {
      const text = `Export failed: ${e instanceof Error ? e.message : String(e)}`;
      setMessage(text);
      announce(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="history-export" aria-label="Export">
      <h3>Export…</h3>
      <p className="muted small">Observations, daily usage and the cycle archive; times in UTC.</p>
      <div className="card-actions">
        <button type="button" onClick={() => run('csv', 'key')} aria-disabled={busy || undefined}>
          CSV, {keyName}
        </button>
        <button type="button" onClick={() => run('json', 'key')} aria-disabled={busy || undefined}>
          JSON, {keyName}
        </button>
        <button type="button" onClick={() => run('csv', 'all')} aria-disabled={busy || undefined}>
          CSV, all keys
        </button>
      </div>
      {message && (
        <p className="small" data-testid="export-message">
          {message}
        </p>
      )}
    </section>
  );
}

function describe(r: ExportResult): string {
  if (r.status === 'saved') return `Saved to ${r.path}`;
  if (r.status === 'cancelled') return 'Export cancelled';
  return `Downloaded ${r.filename}`;
}

function download(r: Extract<ExportResult, { status: 'download' }>): void {
  const url = URL.createObjectURL(new Blob([r.content], { type: r.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
