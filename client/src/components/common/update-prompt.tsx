import { useSyncExternalStore } from 'react';
import { applyUpdate, getUpdateState, subscribeUpdate } from '../../services/sw-register.ts';
import { Alert } from './alert.tsx';
import { Button } from './button.tsx';
import styles from './update-prompt.module.css';

/** "A new version is ready": shown when a new service worker waits; Reload activates it. */
export function UpdatePrompt() {
  const state = useSyncExternalStore(subscribeUpdate, getUpdateState, getUpdateState);
  if (!state.waiting) return null;
  return (
    <div className={styles.prompt}>
      <Alert
        severity="info"
        title="A new version of Eco-Track is ready."
        action={
          <Button size="small" onClick={applyUpdate}>
            Reload
          </Button>
        }
      >
        Your data stays on this device.
      </Alert>
    </div>
  );
}
