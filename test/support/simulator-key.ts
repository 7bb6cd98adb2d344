// A Voucherify key on a simulator project, saved through the service as the key form would: the
// project's address as a custom region, renewing on the 1st in UTC, the usual thresholds.
import type { HeadroomService } from '../../electron/service/service-types';
import type { SimPlanId } from '../../electron/simulator/engine';
import type { RunningSimulator } from '../../electron/simulator/server';

export async function saveSimulatorKey(
  service: HeadroomService,
  sim: RunningSimulator,
  key: { name: string; appId: string; token: string; plan: Exclude<SimPlanId, 'sandbox'> },
): Promise<string> {
  const saved = await service.saveKey({
    name: key.name,
    connection: {
      provider: 'voucherify',
      region: 'custom',
      baseUrl: sim.url,
      appId: key.appId,
      clientSide: false,
    },
    secrets: { token: key.token },
    plan: { provider: 'voucherify', plan: key.plan },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
  });
  if (!saved.ok) throw new Error(`key not saved: ${saved.error}`);
  return saved.keyId;
}
