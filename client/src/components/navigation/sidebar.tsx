import { NavLink } from 'react-router';
import { NAV_ITEMS } from './nav-links.ts';
import styles from './navigation.module.css';

/** The full page navigation: a sidebar on wide screens, the menu sheet's body on phones. */
export function Sidebar({ onNavigate, id }: { onNavigate?: () => void; id?: string }) {
  return (
    <nav aria-label="Main" className={styles.sidebar} id={id}>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.to === '/'}
              className={({ isActive }) =>
                isActive ? `${styles.link} ${styles.active}` : styles.link
              }
              onClick={onNavigate}
            >
              <span className={styles.icon} aria-hidden="true">
                {item.icon}
              </span>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
