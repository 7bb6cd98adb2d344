// The proxies of the keys a --config file routes through Headroom, and the dashboard readings it
// declares. Started after the service, stopped before it.
import { baseUrlOf } from '../core/config/settings';
import type { Logger } from '../service/ports';
import type { HeadroomService } from '../service/service-types';
import type { ServeConfig } from '../web/config-file';
import { startProxy, type RunningProxy } from './forward';

export async function startKeyProxies(
  service: HeadroomService,
  config: ServeConfig,
  logger: Logger,
): Promise<RunningProxy[]> {
  const running: RunningProxy[] = [];
  try {
    for (const key of config.keys) {
      const port = config.passive?.get(key.id)?.proxy?.port;
      if (port === undefined) continue;
      running.push(
        await startProxy({
          name: key.name,
          upstream: baseUrlOf(key.connection),
          port,
          logger,
          onAnswer: (a) =>
            service.recordPassive(key.id, [
              { sentAt: a.sentAt, at: a.at, status: a.status, headers: a.headers, path: a.path },
            ]),
        }).catch((err: NodeJS.ErrnoException) => {
          throw Object.assign(
            new Error(
              `the proxy for "${key.name}" could not listen on port ${port} (${err.code ?? 'error'})`,
            ),
            {
              code: err.code,
            },
          );
        }),
      );
    }
  } catch (err) {
    await Promise.all(running.map((p) => p.close()));
    throw err;
  }
  return running;
}

/** The file's dashboard readings become the keys' anchors (once: the same reading is not added twice). */
export async function applyDeclaredReadings(service: HeadroomService, config: ServeConfig): Promise<void> {
  const state = service.getState();
  for (const key of config.keys) {
    const reading = config.passive?.get(key.id)?.reading;
    if (!reading) continue;
    const view = state.keys.find((k) => k.id === key.id);
    const last = view?.cycle?.lastReading;
    if (last && last.at === reading.at && last.used === reading.used) continue;
    await service.calibrate(key.id, reading.used, reading.at);
  }
}
