import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import styles from './field.module.css';

export interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  label: ReactNode;
}

export function Checkbox({ label, id, className, ...rest }: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <div className={[styles.checkbox, className].filter(Boolean).join(' ')}>
      <input {...rest} id={inputId} type="checkbox" />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}
