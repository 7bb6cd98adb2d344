// A live countdown on the shared ticker, in a fixed-width slot with tabular digits so ticking never
// shifts the layout. The spoken label is static text so screen readers are not flooded every second.
import { useNow } from '../app/now';
import { describeDuration, formatCountdown } from '../format/time';

interface Props {
  at: number;
  /** Words before the clock, e.g. "resets in" or "retry in". */
  prefix: string;
  /** What to say once the moment has passed, e.g. "reset, refreshing". */
  due: string;
}

export function Countdown({ at, prefix, due }: Props) {
  const now = useNow();
  const left = at - now;
  if (left <= 0)
    return (
      <span className="countdown" data-testid="countdown">
        {due}
      </span>
    );
  return (
    <span className="countdown" data-testid="countdown">
      {prefix}{' '}
      <time className="clock" dateTime={new Date(at).toISOString()} aria-label={describeDuration(left)}>
        {formatCountdown(left)}
      </time>
    </span>
  );
}
