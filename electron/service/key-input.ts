// From what the key dialog sent to what is stored: the KeyConfig (checked by its schema and by
// building its probe target), and its place in the settings' key list.
import type { z } from 'zod';
import { keyConfigSchema, type KeyConfig } from '../core/config/settings';
import type { keyInputSchema } from '../ipc/contract';
import { TargetError } from '../probe/targets';
import { capitalise, describeIssue } from './errors';
import { targetOf } from './key-target';

export type KeyInputData = z.output<typeof keyInputSchema>;

/** The config the input describes, or the first problem with it as the dialog shows it. */
export function configFromInput(
  input: KeyInputData,
  id: string,
  createdAt: number,
  secret: string | null,
): { ok: true; config: KeyConfig } | { ok: false; error: string } {
  const config = keyConfigSchema.safeParse({
    id,
    name: input.name,
    connection: input.connection,
    plan: input.plan,
    cycle: input.cycle,
    thresholds: input.thresholds,
    demo: false,
    createdAt,
  });
  if (!config.success) return { ok: false, error: describeIssue(config.error) };
  // An edit may leave the secret as stored: the connection is still checked, with a stand-in.
  try {
    targetOf(config.data, secret ?? 'placeholder-for-validation');
  } catch (err) {
    if (err instanceof TargetError) return { ok: false, error: capitalise(err.message) };
    throw err;
  }
  return { ok: true, config: config.data };
}

/** The key list with `config` in its old place (an edit) or at the end (a new key). */
export function withKeyConfig(keys: readonly KeyConfig[], config: KeyConfig): KeyConfig[] {
  const next = keys.filter((k) => k.id !== config.id);
  const index = keys.findIndex((k) => k.id === config.id);
  next.splice(index < 0 ? next.length : index, 0, config);
  return next;
}
