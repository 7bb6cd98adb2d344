// A real Headroom service on in-memory ports (no files, no notifier, UTC, real timers), for tests that
// host it behind the web server. The demo is off unless asked for.
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import { realTimers, silentLogger } from '../../electron/service/ports';
import type { HeadroomService } from '../../electron/service/service-types';

export async function startMemoryService(opts: { demo?: boolean } = {}): Promise<HeadroomService> {
  const service = createHeadroomService({
    settings: new MemorySettingsRepository(),
    state: new MemoryStateRepository(),
    vault: new MemoryVault(),
    notifier: null,
    logger: silentLogger,
    timers: realTimers,
    now: Date.now,
    timeZone: 'UTC',
    demo: opts.demo ?? false,
  });
  await service.start();
  return service;
}
