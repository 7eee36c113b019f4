import { useEffect } from 'react';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import styles from './activity-list.module.css';

/** "Activity deleted — Undo", for a few seconds after a delete. */
export function UndoToast({
  message,
  onUndo,
  onClose,
  timeoutMs = 10_000,
}: {
  message: string;
  onUndo: () => void;
  onClose: () => void;
  timeoutMs?: number;
}) {
  useEffect(() => {
    const t = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(t);
  }, [onClose, timeoutMs]);
  return (
    <div className={styles.toast}>
      <Alert
        severity="success"
        title={message}
        onDismiss={onClose}
        action={
          <Button size="small" variant="outline" onClick={onUndo}>
            Undo
          </Button>
        }
      />
    </div>
  );
}
