// GET /metrics on the web shell (`serve` and the browser fallback): Prometheus text format from the
// shell's own service. Open when the server listens on loopback only (a local Prometheus needs no
// secret, and nothing off the machine can reach it); behind the same secret as the API otherwise
// (Prometheus sends it as `Authorization: Bearer`). The Host check applies either way.
import { createMetricsEndpoint, type MetricsEndpoint } from '../metrics/endpoint';
import { answerMetrics, METRICS_PATH } from '../metrics/http';
import type { HeadroomService } from '../service/service-types';
import { isLoopbackHost } from './security';
import type { WebRoute } from './server';

export function metricsRoute(host: string): WebRoute {
  // One endpoint per service: it caches the last text until the service publishes a new state.
  const endpoints = new WeakMap<HeadroomService, MetricsEndpoint>();
  return {
    method: 'GET',
    path: METRICS_PATH,
    public: isLoopbackHost(host.replace(/^\[|\]$/g, '')),
    handle(req, res, ctx) {
      let endpoint = endpoints.get(ctx.service);
      if (!endpoint) {
        endpoint = createMetricsEndpoint(ctx.service);
        endpoints.set(ctx.service, endpoint);
      }
      return answerMetrics(req, res, endpoint);
    },
  };
}
