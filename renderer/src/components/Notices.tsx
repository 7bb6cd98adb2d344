// App-level notices from the service: weak secret storage, settings recovered from a corrupted file,
// alerts that could not be delivered.
import type { AppState } from '../../../electron/ipc/contract';

export function Notices({ notices }: { notices: AppState['notices'] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((n) => (
        <li
          key={n.id}
          className="notice"
          data-tone={n.level === 'info' ? 'info' : n.level === 'warning' ? 'warning' : 'error'}
        >
          {n.text}
        </li>
      ))}
    </ul>
  );
}
