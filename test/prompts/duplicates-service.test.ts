// Issue 16 point 6 through the real service: saving a second key for the same project asks first
// ("add anyway"), existing duplicates are flagged on both cards, and neither the secret nor its hash
// ever reaches the state the renderer gets.
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyInput } from '../../electron/ipc/contract';
import type { HeadroomService } from '../../electron/service/service-types';
import { startMemoryService } from '../support/memory-service';

// Nothing listens on port 9 of loopback: probes fail at once and the test never leaves the machine.
const BASE = 'http://127.0.0.1:9';
const running: HeadroomService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function service() {
  const s = await startMemoryService();
  running.push(s);
  return s;
}

const voucherify = (name: string, appId: string, token: string): KeyInput => ({
  name,
  connection: { provider: 'voucherify', region: 'custom', baseUrl: BASE, appId, clientSide: false },
  secrets: { token },
  plan: { provider: 'voucherify', plan: 'startup' },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [80, 90, 100],
});

const generic = (name: string, token: string): KeyInput => ({
  name,
  connection: {
    provider: 'generic',
    baseUrl: BASE,
    path: '/',
    method: 'GET',
    authHeader: 'Authorization',
    authScheme: 'Bearer',
    profile: 'auto',
  },
  secrets: { token },
  plan: { provider: 'other' },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [80, 90, 100],
});

const duplicateNote = (s: HeadroomService, name: string) =>
  s
    .getState()
    .keys.find((k) => k.name === name)
    ?.prompts?.find((p) => p.id === 'duplicate')?.text ?? null;

describe('two keys for the same project', () => {
  it('the same Voucherify App ID: the second save asks, "add anyway" saves, both cards are flagged', async () => {
    const s = await service();
    expect((await s.saveKey(voucherify('Shop', 'app-1', 'token-one-aaaaaaaa'))).ok).toBe(true);
    const second = await s.saveKey(voucherify('Shop copy', 'app-1', 'token-two-bbbbbbbb'));
    expect(second).toEqual({
      ok: false,
      error: '“Shop” already monitors this project: a second key doubles the probes.',
      duplicateOf: ['Shop'],
    });
    expect(s.getState().keys.map((k) => k.name)).toEqual(['Shop']);
    expect(duplicateNote(s, 'Shop')).toBeNull();

    const anyway = await s.saveKey({
      ...voucherify('Shop copy', 'app-1', 'token-two-bbbbbbbb'),
      allowDuplicate: true,
    });
    expect(anyway.ok).toBe(true);
    expect(duplicateNote(s, 'Shop')).toMatch(/^“Shop copy” already monitors this project/);
    expect(duplicateNote(s, 'Shop copy')).toMatch(/^“Shop” already monitors this project/);
    // Another project on the same host is not a duplicate.
    expect((await s.saveKey(voucherify('Other', 'app-2', 'token-three-cccccc'))).ok).toBe(true);
    expect(duplicateNote(s, 'Other')).toBeNull();
  });

  it('no public ID: the same secret is a duplicate, found by a hash kept in main, never sent', async () => {
    const s = await service();
    const token = 'sk_live_0123456789abcdef';
    expect((await s.saveKey(generic('API one', token))).ok).toBe(true);
    expect((await s.saveKey(generic('API two', 'sk_live_fedcba9876543210'))).ok).toBe(true);
    const again = await s.saveKey(generic('API three', token));
    expect(again.ok).toBe(false);
    expect(again.ok === false && again.duplicateOf).toEqual(['API one']);
    // Editing the other key without retyping its secret keeps it distinct.
    const two = s.getState().keys.find((k) => k.name === 'API two')!;
    expect((await s.saveKey({ ...generic('API two', 'x'), id: two.id, secrets: {} })).ok).toBe(true);

    expect((await s.saveKey({ ...generic('API three', token), allowDuplicate: true })).ok).toBe(true);
    expect(duplicateNote(s, 'API one')).toMatch(/“API three”/);
    const json = JSON.stringify(s.getState());
    expect(json).not.toContain(token);
    // No hash of any kind: no long run of hex digits anywhere in the state.
    expect(json).not.toMatch(/[0-9a-f]{32}/);
  });
});
