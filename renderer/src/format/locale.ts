// The formatters come from the one module shared with main (electron/core/text/format.ts), so the
// popover, the tray and notifications write numbers and dates the same way. Tests build their own
// with a fixed locale and zone so figures are deterministic.
export { createFmt, type Fmt } from '../../../electron/core/text/format';
