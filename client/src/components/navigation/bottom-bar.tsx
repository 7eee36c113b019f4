import { useState } from 'react';
import { NavLink } from 'react-router';
import { Dialog } from '../common/dialog.tsx';
import { BOTTOM_BAR, NAV_ITEMS } from './nav-links.ts';
import styles from './navigation.module.css';
import { Sidebar } from './sidebar.tsx';

/** Phones: the three most used pages at thumb reach, and a Menu sheet with every page. */
export function BottomBar() {
  const [open, setOpen] = useState(false);
  const items = NAV_ITEMS.filter((i) => BOTTOM_BAR.includes(i.to));
  return (
    <nav aria-label="Quick" className={styles.bottomBar}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          className={({ isActive }) =>
            isActive ? `${styles.bottomLink} ${styles.bottomActive}` : styles.bottomLink
          }
        >
          <span aria-hidden="true" className={styles.bottomIcon}>
            {item.icon}
          </span>
          {item.label}
        </NavLink>
      ))}
      <button
        type="button"
        className={styles.bottomLink}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        <span aria-hidden="true" className={styles.bottomIcon}>
          ☰
        </span>
        Menu
      </button>
      <Dialog open={open} onOpenChange={setOpen} title="Menu" variant="sheet">
        <Sidebar onNavigate={() => setOpen(false)} />
      </Dialog>
    </nav>
  );
}
