// The statuses, their words and their order, with no imports: the renderer's first bundle takes
// them from here without pulling in the quota model's zod schemas.

/** Overall look of a key, and of the tray icon (the worst key). */
export const STATUSES = ['ok', 'warning', 'critical', 'blocked', 'stale', 'error'] as const;
export type Status = (typeof STATUSES)[number];

const STATUS_WORDS: Record<Status, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  blocked: 'Blocked',
  stale: 'Out of date',
  error: 'Problem',
};

/** The status in a word, the same in the tray and the popover. */
export function statusWord(status: Status): string {
  return STATUS_WORDS[status];
}

/** What to look at first: a block is happening, critical is about to, a failing probe hides the figures. */
export const STATUS_RANK: Record<Status, number> = {
  ok: 0,
  stale: 1,
  warning: 2,
  error: 3,
  critical: 4,
  blocked: 5,
};
