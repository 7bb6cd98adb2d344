// A handful of inline SVG icons (no icon font, no extra requests). Decorative: the buttons carry the words.
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const RefreshIcon = () => (
  <Icon>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" fill="none" stroke="currentColor" strokeWidth="1.6" />
    <path d="M13.8 1.8v3.4h-3.4" fill="none" stroke="currentColor" strokeWidth="1.6" />
  </Icon>
);

export const PlusIcon = () => (
  <Icon>
    <path d="M8 2.5v11M2.5 8h11" stroke="currentColor" strokeWidth="1.8" />
  </Icon>
);

// The bell's body and clapper, shared by the plain and the crossed-out bell so they differ only by the slash.
const BELL = 'M3.5 11.5h9l-1.2-1.6V7a3.3 3.3 0 0 0-6.6 0v2.9z';
const CLAPPER = 'M6.6 13.6a1.5 1.5 0 0 0 2.8 0';

/** Alerts on: a whole bell, nothing crossed. */
export const BellIcon = () => (
  <Icon>
    <path d={BELL} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    <path d={CLAPPER} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
  </Icon>
);

/** Alerts snoozed: the same bell, struck through. */
export const BellOffIcon = () => (
  <Icon>
    <path d={BELL} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    <path d={CLAPPER} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" data-slash="" />
  </Icon>
);

export const GearIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="2.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
    <path
      d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
    />
  </Icon>
);

export const PinIcon = () => (
  <Icon>
    <path
      d="M6 2h4l-.6 4 2.6 2.5H4L6.6 6zM8 8.5V14"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinejoin="round"
    />
  </Icon>
);

export const ChevronIcon = () => (
  <Icon>
    <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
  </Icon>
);
