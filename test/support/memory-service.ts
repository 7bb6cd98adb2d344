// A real Headroom service on in-memory ports (no files, no notifier, UTC, real timers, demo off) unless
// a test gives its own: the one set-up the route, ingest, launch and end-to-end tests share.
import { defaultSettings } from '../../electron/core/config/settings';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import { realTimers, silentLogger } from '../../electron/service/ports';
import type { HeadroomService, ServiceDeps } from '../../electron/service/service-types';
import { parseServeConfig } from '../../electron/web/config-file';

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

/**
 * A started memory service with one Voucherify key "Shop" declared as a `serve --config` file would
 * (its token in an environment variable), at an address never reached: the passive tests' set-up.
 */
export async function startWithDeclaredShop(
  key: {
    appId: string;
    token: string;
    plan: 'startup' | 'growth';
    cycle?: { renewalDay: number; timeZone: string };
  },
  overrides: Partial<ServiceDeps> = {},
): Promise<HeadroomService> {
  const now = overrides.now ?? Date.now;
  const config = parseServeConfig(
    {
      keys: [
        {
          name: 'Shop',
          provider: 'voucherify',
          region: 'custom',
          baseUrl: 'http://127.0.0.1:1',
          appId: key.appId,
          plan: key.plan,
          tokenEnv: 'SHOP_TOKEN',
          ...(key.cycle ? { cycle: key.cycle } : {}),
        },
      ],
    },
    'test',
    { SHOP_TOKEN: key.token },
    now(),
  );
  return startMemoryService({
    settings: new MemorySettingsRepository({ ...defaultSettings(), keys: config.keys }),
    ...overrides,
  });
}
