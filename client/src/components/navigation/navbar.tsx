import { Link } from 'react-router';
import { useSession } from '../../hooks/use-session.ts';
import styles from './navigation.module.css';
import { SyncStatusIndicator } from './sync-status.tsx';
import { UserMenu } from './user-menu.tsx';

/** The top bar: brand, the always-visible sync status, and the account menu. */
export function Navbar() {
  const session = useSession();
  return (
    <header className={styles.navbar}>
      <Link to="/" className={styles.brand}>
        <img src="/icons/favicon.svg" alt="" width="28" height="28" />
        <span>Eco-Track</span>
      </Link>
      <div className={styles.navbarEnd}>
        {session ? (
          <>
            <SyncStatusIndicator />
            <UserMenu username={session.username} />
          </>
        ) : (
          <nav aria-label="Account" className={styles.accountLinks}>
            <Link to="/login" className={styles.accountLink}>
              Log in
            </Link>
            <Link to="/register" className={`${styles.accountLink} ${styles.accountLinkStrong}`}>
              Register
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
