// Labelled form controls with their hint and error wired for assistive technology
// (aria-describedby, aria-invalid), so every form reads the same way.
import { useId, type ReactNode } from 'react';

interface Common {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
}

function Help({
  hintId,
  errorId,
  hint,
  error,
}: {
  hintId: string;
  errorId: string;
  hint: ReactNode;
  error?: string;
}) {
  return (
    <>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={errorId}>
          {error}
        </span>
      )}
    </>
  );
}

interface TextProps extends Common {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url' | 'number' | 'time' | 'datetime-local';
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  placeholder?: string;
  autoComplete?: string;
  list?: string;
  name?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  disabled?: boolean;
}

export function TextField({
  label,
  error,
  hint,
  className,
  value,
  onChange,
  type = 'text',
  ...rest
}: TextProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
        spellCheck={false}
        {...rest}
        autoComplete={rest.autoComplete ?? 'off'}
      />
      <Help hintId={hintId} errorId={errorId} hint={hint} error={error} />
    </div>
  );
}

interface SelectProps<T extends string> extends Common {
  value: T;
  onChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
}

export function SelectField<T extends string>({
  label,
  error,
  hint,
  className,
  value,
  onChange,
  options,
}: SelectProps<T>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Help hintId={hintId} errorId={errorId} hint={hint} error={error} />
    </div>
  );
}

interface CheckProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

export function CheckField({ label, checked, onChange, hint }: CheckProps) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

interface RadioProps<T extends string> {
  legend: string;
  value: T;
  onChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
}

export function RadioGroup<T extends string>({ legend, value, onChange, options }: RadioProps<T>) {
  const name = useId();
  return (
    <fieldset className="radios">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

interface FormErrorProps {
  error: string | undefined;
}

/** The form-level error (what main refused), announced when it appears. */
export function FormError({ error }: FormErrorProps) {
  if (!error) return null;
  return (
    <p className="notice" data-tone="error" role="alert">
      {error}
    </p>
  );
}

interface FormActionsProps {
  /** Any action under way: every button waits. */
  busy: boolean;
  /** Saving under way (default: busy). */
  saving?: boolean;
  /** "Save reading", "Save settings", ... */
  saveLabel: string;
  onCancel(): void;
  /** Buttons before Save (e.g. Test key). */
  children?: ReactNode;
}

/** Save and Cancel, the same in every form. */
export function FormActions({ busy, saving = busy, saveLabel, onCancel, children }: FormActionsProps) {
  return (
    <div className="form-actions">
      {children}
      <button type="submit" className="primary" disabled={busy}>
        {saving ? 'Saving…' : saveLabel}
      </button>
      <button type="button" className="link" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
