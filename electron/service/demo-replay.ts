// The demo starts with a believable past: the real scheduler is run over the demo cycle's first
// weeks, probing the simulator at each time it chooses, so the views show what monitoring would have.
import type { ProbeResult } from '../probe/probe';
import type { Demo } from './demo';

const MINUTE = 60_000;
/** The demo replays at most this many probes of its simulated past (its budget is about 150). */
const MAX_REPLAYED_PROBES = 1_000;

export function replayDemo(
  demo: Pick<Demo, 'cycleStart' | 'probeAt'>,
  end: number,
  step: {
    /** When the scheduler would probe next, given everything ingested up to `t`. */
    plannedAt: (t: number) => number;
    ingest: (result: ProbeResult) => void;
  },
): void {
  let t = demo.cycleStart;
  for (let i = 0; i < MAX_REPLAYED_PROBES; i++) {
    const planned = step.plannedAt(t);
    const at = i === 0 ? t : Math.max(planned, t + MINUTE);
    if (at >= end - MINUTE) break;
    t = at;
    step.ingest(demo.probeAt(t));
  }
}
