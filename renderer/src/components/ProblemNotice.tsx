// The last probe failed: what is wrong and what to do, with the fix one keystroke away.
import type { KeyView } from '../../../electron/ipc/contract';

interface Props {
  problem: NonNullable<KeyView['problem']>;
  /** Offered when the fix is in the key's settings (a wrong key, a wrong region). */
  onEdit: (() => void) | null;
}

export function ProblemNotice({ problem, onEdit }: Props) {
  return (
    <div className="notice" data-tone="error" data-testid="problem">
      <p>
        <strong>{problem.title}</strong>
      </p>
      <p>{problem.action}</p>
      {onEdit && (
        <button type="button" className="link" onClick={onEdit}>
          Fix the key
        </button>
      )}
    </div>
  );
}
