// GET /metrics for a Headroom service: the Prometheus text format via prom-client, from a Registry of
// its own (never prom-client's global default, so two services in one process never mix, and nothing
// else a library registers leaks in). Each render reads the service's current AppState afresh.
import { Registry } from 'prom-client';
import type { AppState } from '../core/view/app-state';
import type { MonitorRecord } from '../service/service-types';
import { createFamilies, fillFamilies, KeyLabels } from './families';

/** What the endpoint reads from the service (HeadroomService has both). */
export interface MetricsSource {
  getState(): AppState;
  monitorRecord(): MonitorRecord;
}

export interface MetricsEndpoint {
  /** The Content-Type to answer with (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** The exposition text, built from the service's state at the moment of the call. */
  render(): Promise<string>;
}

export function createMetricsEndpoint(source: MetricsSource): MetricsEndpoint {
  const registry = new Registry();
  const families = createFamilies(registry);
  const keyLabels = new KeyLabels();
  // The service rebuilds its AppState (a new object) on every change and replaces its ledger on every
  // probe; while neither changed, the figures are the same and so is the text: scrapes between
  // probes cost nothing.
  let last: { state: AppState; ledger: MonitorRecord['ledger']; passive: string; text: string } | null = null;
  return {
    contentType: registry.contentType,
    async render() {
      const state = source.getState();
      const record = source.monitorRecord();
      // Passive counts move between state publications (the service coalesces them): compare them too.
      const passive = JSON.stringify(record.passiveCalls);
      if (last && last.state === state && last.ledger === record.ledger && last.passive === passive)
        return last.text;
      // Filling is synchronous, and prom-client takes every family's series as soon as it starts
      // serialising: a second request cannot tear this one's output.
      fillFamilies(families, keyLabels, state, record);
      const text = await registry.metrics();
      last = { state, ledger: record.ledger, passive, text };
      return text;
    },
  };
}
