import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';

const NAV: readonly { section?: string; to: string; label: string; adminOnly?: boolean }[] = [
  { to: '/learners', label: 'Learners' },
  { to: '/sync', label: 'Sync history' },
  { to: '/reports', label: 'Reports' },
  { section: 'Team settings', to: '/settings/hris', label: 'HRIS integration' },
  { to: '/settings/general', label: 'Settings' },
];

/** The console frame: the left-hand panel, the signed-in user, the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span>Rollcall</span>
        </div>
        <p className="tenant-name">{me?.tenant.name}</p>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              {item.section ? <p className="nav-section">{item.section}</p> : null}
              <Link
                to={item.to}
                className={pathname.startsWith(item.to) ? 'nav-link active' : 'nav-link'}
                aria-current={pathname.startsWith(item.to) ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <p className="whoami">
            {me?.user?.email ?? 'API token'}
            <span className="role">{me?.role}</span>
          </p>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void logout().then(() => navigate('/login'))}
          >
            Log out
          </button>
        </div>
      </nav>
      <main id="main" className="content">
        {children}
      </main>
    </div>
  );
}
