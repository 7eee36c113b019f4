import * as RadixSelect from '@radix-ui/react-select';
import { useId, type ReactNode } from 'react';
import fieldStyles from './field.module.css';
import styles from './select.module.css';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  label: ReactNode;
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
  name?: string;
  id?: string;
  className?: string;
  onBlur?: () => void;
}

/**
 * A labelled select on Radix's accessible primitive (keyboard, typeahead, screen readers). Radix
 * reserves the empty string, so "no choice" is `undefined` and shows the placeholder.
 */
export function Select({
  label,
  value,
  onValueChange,
  options,
  placeholder = 'Choose…',
  hint,
  error,
  disabled,
  name,
  id,
  className,
  onBlur,
}: SelectProps) {
  const autoId = useId();
  const triggerId = id ?? autoId;
  const hintId = hint ? `${triggerId}-hint` : undefined;
  const errorId = error ? `${triggerId}-error` : undefined;
  return (
    <div className={[fieldStyles.field, className].filter(Boolean).join(' ')}>
      <label htmlFor={triggerId} className={fieldStyles.label}>
        {label}
      </label>
      <RadixSelect.Root
        value={value ?? ''}
        onValueChange={onValueChange}
        disabled={disabled}
        name={name}
      >
        <RadixSelect.Trigger
          id={triggerId}
          className={`${fieldStyles.control} ${styles.trigger}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onBlur={onBlur}
        >
          <RadixSelect.Value placeholder={placeholder} />
          <RadixSelect.Icon className={styles.icon} aria-hidden="true">
            ▾
          </RadixSelect.Icon>
        </RadixSelect.Trigger>
        <RadixSelect.Portal>
          <RadixSelect.Content className={styles.content} position="popper" sideOffset={4}>
            <RadixSelect.Viewport className={styles.viewport}>
              {options.map((o) => (
                <RadixSelect.Item key={o.value} value={o.value} className={styles.item}>
                  <RadixSelect.ItemText>{o.label}</RadixSelect.ItemText>
                  <RadixSelect.ItemIndicator className={styles.indicator} aria-hidden="true">
                    ✓
                  </RadixSelect.ItemIndicator>
                </RadixSelect.Item>
              ))}
            </RadixSelect.Viewport>
          </RadixSelect.Content>
        </RadixSelect.Portal>
      </RadixSelect.Root>
      {hint && (
        <p id={hintId} className={fieldStyles.hint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className={fieldStyles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
