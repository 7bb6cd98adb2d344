// Snooze alerts: a disclosure with the service's choices. Escape closes it and returns focus.
import { useEffect, useId, useRef, useState } from 'react';
import type { AppState, SnoozeChoice } from '../../../electron/ipc/contract';
import { useAnnounce } from '../app/announcer';
import { useApi } from '../api';
import { BellIcon, BellOffIcon } from './icons';

const CHOICES: { value: SnoozeChoice; label: string }[] = [
  { value: '30m', label: '30 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '2h', label: '2 hours' },
  { value: 'tomorrow', label: 'Until tomorrow' },
  { value: 'indefinitely', label: 'Until I resume' },
];

export function SnoozeMenu({ snooze }: { snooze: AppState['snooze'] }) {
  const api = useApi();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const listId = useId();
  const active = snooze.indefinite || snooze.until !== null;

  useEffect(() => {
    if (open) list.current?.querySelector('button')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = async (choice: SnoozeChoice, label: string) => {
    close();
    try {
      await api.snooze(choice);
      announce(choice === 'off' ? 'Alerts resumed' : `Alerts snoozed: ${label.toLowerCase()}`);
    } catch (e) {
      announce(`Could not snooze: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div
      className="menu-wrap"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        type="button"
        ref={button}
        className="icon-button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={active ? 'Alerts snoozed: change' : 'Snooze alerts'}
        title={active ? 'Alerts snoozed' : 'Snooze alerts'}
        data-active={active || undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {active ? <BellOffIcon /> : <BellIcon />}
      </button>
      {open && (
        <div className="menu" id={listId} ref={list} role="group" aria-label="Snooze alerts for">
          {CHOICES.map((c) => (
            <button type="button" key={c.value} onClick={() => choose(c.value, c.label)}>
              {c.label}
            </button>
          ))}
          {active && (
            <button type="button" onClick={() => choose('off', 'resume')}>
              Resume alerts now
            </button>
          )}
        </div>
      )}
    </div>
  );
}
