// GET /metrics for a Headroom service: the Prometheus text format via prom-client, from a Registry of
// its own (never prom-client's global default, so two services in one process never mix, and nothing
// else a library registers leaks in). Each render reads the service's current AppState afresh.
import { Registry } from 'prom-client';
import type { AppState } from '../core/view/app-state';
import type { MonitorRecord } from '../service/service-types';
import { createFamilies, fillFamilies } from './families';

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
  return {
    contentType: registry.contentType,
    // Filling is synchronous, and prom-client takes every family's values as soon as it starts
    // serialising (no collect callbacks here): a second request cannot tear this one's output.
    async render() {
      fillFamilies(families, source.getState(), source.monitorRecord());
      return registry.metrics();
    },
  };
}
