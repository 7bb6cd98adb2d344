// Deleting a key forgets its history and its stored secret: ask first, default to keeping it.
import { useEffect, useId, useRef } from 'react';

interface Props {
  name: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDelete({ name, busy, onConfirm, onCancel }: Props) {
  const keep = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => {
    keep.current?.focus();
  }, []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={`Delete ${name}?`}
      aria-describedby={textId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={textId}>
        Delete <strong>{name}</strong>? Its history and stored token go too.
      </p>
      <div className="row">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" ref={keep} onClick={onCancel}>
          Keep
        </button>
      </div>
    </div>
  );
}
