// Where a figure came from, and how old it is, in the user's words.
import type { Source } from '../../../electron/core/quota/model';
import type { CycleEstimate } from '../../../electron/core/forecast/types';
import type { Fmt } from './locale';
import { formatAge } from './time';

export type Provenance = 'observed' | 'estimated' | 'plan' | 'yours';

export function provenanceOf(source: Source): Provenance {
  switch (source) {
    case 'header':
    case 'breach':
      return 'observed';
    case 'plan':
      return 'plan';
    case 'user':
      return 'yours';
    case 'estimate':
      return 'estimated';
  }
}

/** "observed 2 min. ago", "estimated", "plan", "your reading 3 hr. ago". */
export function sourceLabel(fmt: Fmt, source: Source, ageMs: number | null): string {
  const p = provenanceOf(source);
  const age = ageMs === null ? '' : ` ${formatAge(fmt, ageMs)}`;
  switch (p) {
    case 'observed':
      return `observed${age}`;
    case 'yours':
      return `your reading${age}`;
    case 'plan':
      return 'plan';
    case 'estimated':
      return 'estimated';
  }
}

/** What the cycle estimate rests on. */
export function basisLabel(basis: CycleEstimate['basis']): string {
  switch (basis) {
    case 'dashboard':
      return 'estimated from your dashboard reading';
    case 'breach':
      return 'estimated from a limit breach';
    case 'observed':
      return 'estimated from observed usage';
    case 'none':
      return 'no usage seen yet';
  }
}
