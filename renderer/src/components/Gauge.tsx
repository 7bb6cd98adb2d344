// A horizontal gauge of what is left: a full bar is plenty of headroom. An optional band shows the
// uncertainty of an estimate (the billing cycle's 80 % range).
import type { Tone } from '../format/forecast';

interface Props {
  label: string;
  /** Share left 0..1; null draws an empty, hatched track (unknown). */
  left: number | null;
  /** Share-left range of the estimate, drawn as a lighter band. */
  band?: { low: number; high: number } | null;
  tone: Tone;
  valueText: string;
}

const pct = (x: number) => `${(Math.min(1, Math.max(0, x)) * 100).toFixed(1)}%`;

export function Gauge({ label, left, band = null, tone, valueText }: Props) {
  // A meter needs a value; an unknown one is a labelled picture of an empty track.
  if (left === null)
    return (
      <div className="gauge" data-tone={tone} data-unknown role="img" aria-label={`${label}: ${valueText}`} />
    );
  return (
    <div
      className="gauge"
      data-tone={tone}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(left * 100)}
      aria-valuetext={valueText}
    >
      {band && (
        <span className="gauge-band" style={{ left: pct(band.low), width: pct(band.high - band.low) }} />
      )}
      <span className="gauge-fill" style={{ width: pct(left) }} />
    </div>
  );
}
