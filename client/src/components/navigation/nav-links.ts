/** The app's pages, in navigation order; link names are the pages' names. */
export interface NavItem {
  to: string;
  label: string;
  icon: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home', icon: '⌂' },
  { to: '/dashboard', label: 'Dashboard', icon: '▦' },
  { to: '/activities', label: 'Activities', icon: '✎' },
  { to: '/goals', label: 'Goals', icon: '◎' },
  { to: '/reports', label: 'Reports', icon: '▤' },
  { to: '/recommendations', label: 'Recommendations', icon: '✦' },
  { to: '/challenges', label: 'Challenges', icon: '⚑' },
  { to: '/achievements', label: 'Achievements', icon: '★' },
  { to: '/organisation', label: 'Organisation', icon: '⌘' },
  { to: '/profile', label: 'Profile', icon: '☺' },
];

/** The few shown in the phone's bottom bar; the rest are in the menu. */
export const BOTTOM_BAR: readonly string[] = ['/dashboard', '/activities', '/goals'];
