// One metric family whose series are replaced wholesale on every render, registered in a prom-client
// Registry, which writes HELP, TYPE, the label escaping and the number format. prom-client's own Gauge
// and Counter hash and validate every label set on every set(); a snapshot of thousands of series
// needs neither, and the labels every series of a key shares (key, key_id, provider) are passed as
// prom-client's `sharedLabels`, which it formats once per object and caches: the per-key objects are
// kept from render to render, so a 100-key scrape formats them once, not 2,700 times.
import type { Metric, Registry } from 'prom-client';

export type Labels = Readonly<Record<string, string>>;

interface Sample {
  value: number;
  labels: Labels;
  sharedLabels: Labels;
}

export class SnapshotFamily {
  readonly aggregator = 'sum';
  private samples: Sample[] = [];

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    readonly type: 'gauge' | 'counter',
    /** The labels each series carries besides the key's shared ones (the tests hold the output to them). */
    readonly labelNames: readonly string[],
  ) {
    // The registry needs only name, get() and reset() of a metric; it is typed for its own classes.
    registry.registerMetric(this as unknown as Metric);
  }

  reset(): void {
    this.samples = [];
  }

  add(shared: Labels, labels: Labels, value: number): void {
    this.samples.push({ value, labels, sharedLabels: shared });
  }

  async get() {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.samples,
    };
  }
}
