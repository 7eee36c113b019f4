import type { ReactNode } from 'react';
import styles from './alert.module.css';

export type AlertSeverity = 'success' | 'warning' | 'error' | 'info';

export interface AlertProps {
  severity: AlertSeverity;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links shown on the alert's right. */
  action?: ReactNode;
  onDismiss?: () => void;
  className?: string;
}

const ICONS: Record<AlertSeverity, string> = { success: '✓', warning: '!', error: '✕', info: 'i' };

/**
 * The seed's alert: green for success, amber for warnings, red for errors. Errors are announced
 * at once (role="alert"); the others politely (role="status").
 */
export function Alert({ severity, title, children, action, onDismiss, className }: AlertProps) {
  return (
    <div
      role={severity === 'error' ? 'alert' : 'status'}
      className={[styles.alert, styles[severity], className].filter(Boolean).join(' ')}
    >
      <span className={styles.icon} aria-hidden="true">
        {ICONS[severity]}
      </span>
      <div className={styles.body}>
        {title && <p className={styles.title}>{title}</p>}
        {children && <div>{children}</div>}
      </div>
      {(action || onDismiss) && (
        <div className={styles.actions}>
          {action}
          {onDismiss && (
            <button type="button" className={styles.dismiss} onClick={onDismiss}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss</span>
            </button>
          )}
        </div>
      )}
    </div>
  );
}
