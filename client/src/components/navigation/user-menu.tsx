import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DownloadDataDialog } from '../profile/download-data-dialog.tsx';
import { LogoutDialog } from '../auth/logout-dialog.tsx';
import styles from './navigation.module.css';

/** The account menu (Radix dropdown: arrow keys, typeahead, Escape). */
export function UserMenu({ username }: { username: string }) {
  const navigate = useNavigate();
  const [logoutOpen, setLogoutOpen] = useState(false);
  const [downloadOpen, setDownloadOpen] = useState(false);
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className={styles.userButton}>
          <span className={styles.avatar} aria-hidden="true">
            {username.slice(0, 1).toUpperCase()}
          </span>
          <span className="visually-hidden">Account menu for </span>
          <span className={styles.username}>{username}</span>
          <span aria-hidden="true">▾</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className={styles.menu} align="end" sideOffset={6}>
            <DropdownMenu.Item
              className={styles.menuItem}
              onSelect={() => void navigate('/profile')}
            >
              Profile
            </DropdownMenu.Item>
            <DropdownMenu.Item className={styles.menuItem} onSelect={() => setDownloadOpen(true)}>
              Download my data
            </DropdownMenu.Item>
            <DropdownMenu.Separator className={styles.menuSeparator} />
            <DropdownMenu.Item className={styles.menuItem} onSelect={() => setLogoutOpen(true)}>
              Log out
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <LogoutDialog open={logoutOpen} onOpenChange={setLogoutOpen} />
      <DownloadDataDialog open={downloadOpen} onOpenChange={setDownloadOpen} />
    </>
  );
}
