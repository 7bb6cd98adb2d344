// Geometry of the cycle sparkline: usage so far, the forecast's central path and its 80 % cone,
// and the limit, scaled into a width x height box (y grows downwards). Pure, so it is unit-tested.
import type { CycleView } from '../../../electron/ipc/contract';

export interface SparkGeometry {
  history: string;
  mid: string;
  cone: string;
  limitY: number | null;
  nowX: number | null;
}

export function sparkGeometry(cycle: CycleView, width: number, height: number, now: number): SparkGeometry {
  const span = Math.max(1, cycle.end - cycle.start);
  const values = [
    cycle.limit ?? 0,
    ...cycle.history.map((p) => p.used),
    ...cycle.cone.map((p) => Math.max(p.high, p.mid)),
  ].filter(Number.isFinite);
  const top = Math.max(1, ...values) * 1.05;
  const x = (at: number) =>
    round(((Math.min(Math.max(at, cycle.start), cycle.end) - cycle.start) / span) * width);
  const y = (v: number) => round(height - (Math.max(0, v) / top) * height);
  const pts = (list: [number, number][]) => list.map(([a, b]) => `${a},${b}`).join(' ');

  const history = pts(cycle.history.map((p) => [x(p.at), y(p.used)]));
  const mid = pts(cycle.cone.map((p) => [x(p.at), y(p.mid)]));
  const cone =
    cycle.cone.length > 1
      ? pts([
          ...cycle.cone.map((p): [number, number] => [x(p.at), y(p.high)]),
          ...[...cycle.cone].reverse().map((p): [number, number] => [x(p.at), y(p.low)]),
        ])
      : '';
  return {
    history,
    mid,
    cone,
    limitY: cycle.limit === null ? null : y(cycle.limit),
    nowX: now >= cycle.start && now <= cycle.end ? x(now) : null,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
