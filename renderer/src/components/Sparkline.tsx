// Cycle usage so far and the forecast cone to renewal, with the limit as a dashed line.
import type { CycleView } from '../../../electron/ipc/contract';
import { sparkGeometry } from '../select/sparkline';

const W = 200;
const H = 28;

interface Props {
  cycle: CycleView;
  now: number;
  label: string;
}

export function Sparkline({ cycle, now, label }: Props) {
  const g = sparkGeometry(cycle, W, H, now);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="sparkline"
    >
      {g.limitY !== null && <line className="spark-limit" x1="0" x2={W} y1={g.limitY} y2={g.limitY} />}
      {g.cone && <polygon className="spark-cone" points={g.cone} />}
      {g.mid && <polyline className="spark-mid" points={g.mid} />}
      {g.history && <polyline className="spark-history" points={g.history} />}
      {g.nowX !== null && <line className="spark-now" x1={g.nowX} x2={g.nowX} y1="0" y2={H} />}
    </svg>
  );
}
