// Questions the service asks about a key instead of showing a silent figure: a reading above the plan's
// limit, a plan the headers contradict, a clock that is off, a second key for the same project. The
// service decides and words them (electron/core/insight/prompts.ts); this shows them with their actions.
import { useState } from 'react';
import type { KeyView, PromptAction } from '../../../electron/ipc/contract';
import { useAnnounce } from '../app/announcer';
import { useApi } from '../api';

interface Props {
  k: KeyView;
  onEdit: (keyId: string) => void;
  onReading: (keyId: string) => void;
}

export function KeyPrompts({ k, onEdit, onReading }: Props) {
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const prompts = k.prompts ?? [];
  if (prompts.length === 0) return null;

  const run = async (a: PromptAction) => {
    if (a.kind === 'edit') return onEdit(k.id);
    if (a.kind === 'reading') return onReading(k.id);
    if (busy) return;
    // One click: the same key with the plan the headers fit; the stored secret is kept (no secrets sent).
    setBusy(true);
    try {
      const r = await api.saveKey({
        id: k.id,
        name: k.name,
        connection: k.connection,
        secrets: {},
        plan: a.plan,
        cycle: k.cycleSettings,
        thresholds: k.thresholds,
        allowDuplicate: true,
      });
      announce(r.ok ? `${k.name}: plan changed` : `${k.name}: ${r.error}`);
    } catch (e) {
      announce(`${k.name}: could not change the plan: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {prompts.map((p) => (
        <div key={p.id} className="notice small prompt" data-tone="warning" data-testid={`prompt-${p.id}`}>
          <p>{p.text}</p>
          {!k.demo && p.actions.length > 0 && (
            <p className="prompt-actions">
              {p.actions.map((a) => (
                <button
                  key={a.label}
                  type="button"
                  className="link"
                  aria-disabled={(a.kind === 'set-plan' && busy) || undefined}
                  onClick={() => void run(a)}
                >
                  {a.label}
                </button>
              ))}
            </p>
          )}
        </div>
      ))}
    </>
  );
}
