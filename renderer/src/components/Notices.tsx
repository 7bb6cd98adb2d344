// App-level notices from the service: weak secret storage, settings recovered from a corrupted file,
// alerts that could not be delivered. Information can be dismissed for this session; warnings and
// errors stay until the service withdraws them.
import { useState } from 'react';
import type { AppState } from '../../../electron/ipc/contract';

export function Notices({ notices }: { notices: AppState['notices'] }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = notices.filter((n) => !dismissed.has(n.id));
  if (shown.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {shown.map((n) => (
        <li key={n.id} className="notice notice-line" data-tone={n.level === 'info' ? 'info' : n.level}>
          <span className="notice-body">{n.text}</span>
          {n.level === 'info' && (
            <button
              type="button"
              className="dismiss"
              aria-label="Dismiss notice"
              title="Dismiss"
              onClick={() => setDismissed((d) => new Set(d).add(n.id))}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
