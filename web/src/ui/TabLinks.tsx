import { Link, useLocation } from 'react-router';

export interface TabLink {
  to: string;
  label: string;
  /** Paths under this prefix (a detail page) mark the tab as the current section. */
  section: string;
}

/**
 * Screens of one area as tabs that are links: each has its own URL, Back works, and the current one
 * says so to screen readers (aria-current), not only by its look.
 */
export function TabLinks({ label, tabs }: { label: string; tabs: readonly TabLink[] }) {
  const { pathname } = useLocation();
  const path = pathname.replace(/\/+$/, '');
  return (
    <nav aria-label={label} className="tab-links">
      <ul>
        {tabs.map((tab) => {
          const current = path === tab.to ? 'page' : path.startsWith(`${tab.section}/`) ? 'true' : undefined;
          return (
            <li key={tab.to}>
              <Link to={tab.to} aria-current={current}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
