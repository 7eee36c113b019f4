import styles from './loading-spinner.module.css';

export interface LoadingSpinnerProps {
  /** Announced to screen readers; pass "" when the surrounding text already says it. */
  label?: string;
  size?: 'small' | 'medium' | 'large';
}

export function LoadingSpinner({ label = 'Loading…', size = 'medium' }: LoadingSpinnerProps) {
  const spinner = <span className={`${styles.spinner} ${styles[size]}`} aria-hidden="true" />;
  if (!label) return spinner;
  return (
    <span role="status" className={styles.wrapper}>
      {spinner}
      <span className={size === 'large' ? styles.text : 'visually-hidden'}>{label}</span>
    </span>
  );
}
