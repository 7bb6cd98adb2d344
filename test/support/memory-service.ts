// A real Headroom service on in-memory ports (no files, no notifier, UTC, real timers, demo off) unless
// a test gives its own: the one set-up the route, ingest, launch and end-to-end tests share.
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import { realTimers, silentLogger } from '../../electron/service/ports';
import type { HeadroomService, ServiceDeps } from '../../electron/service/service-types';

export function memoryServiceDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return {
    settings: new MemorySettingsRepository(),
    state: new MemoryStateRepository(),
    vault: new MemoryVault(),
    notifier: null,
    logger: silentLogger,
    timers: realTimers,
    now: Date.now,
    timeZone: 'UTC',
    demo: false,
    ...overrides,
  };
}

export async function startMemoryService(overrides: Partial<ServiceDeps> = {}): Promise<HeadroomService> {
  const service = createHeadroomService(memoryServiceDeps(overrides));
  await service.start();
  return service;
}
