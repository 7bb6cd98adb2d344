// Counts and shares as a user reads them (the shared formatter). Never NaN on screen: unknown is a dash.
export {
  UNKNOWN,
  countOf,
  formatCount,
  formatPercent,
  formatShare,
  plural,
} from '../../../electron/core/text/format';
