import type { ComponentPropsWithRef } from 'react';
import styles from './button.module.css';
import { LoadingSpinner } from './loading-spinner.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'outline' | 'danger' | 'ghost';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: 'small' | 'medium';
  /** Shows a spinner and disables the button while an action runs. */
  loading?: boolean;
}

/** The seed's button: rounded, primary colour, slight shadow. Defaults to type="button". */
export function Button({
  variant = 'primary',
  size = 'medium',
  loading = false,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = [styles.button, styles[variant], size === 'small' ? styles.small : '', className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading && <LoadingSpinner size="small" label="" />}
      {children}
    </button>
  );
}
