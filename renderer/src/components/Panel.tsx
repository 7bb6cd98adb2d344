// A full-popover view over the key list (forms, settings). Focus moves to its heading when it opens;
// Escape or Back closes it (the app then returns focus to whatever opened it).
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Panel({ title, onClose, children, testId }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  // A layout effect: focus lands in the same commit that shows the panel, so a screen reader (or a
  // keystroke typed at once) never meets the panel with focus still on the list behind it.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section
      className="panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <button type="button" className="link back" onClick={onClose}>
          ‹ Back
        </button>
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {title}
        </h2>
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
