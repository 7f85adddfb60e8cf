import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session';
import { navigationFor } from './navigation';
import { Loading } from '../ui/components';

/** Every signed-in screen: skip link, navigation for this person, the page. Signed out: to sign-in,
 * remembering where the person wanted to go (an e-mail link, a bookmark). */
export function Layout() {
  const { state, signOut } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <main id="main" className="page">
        <Loading what="your session" />
      </main>
    );
  }
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace state={{ reason: state.reason }} />;
  }
  const items = navigationFor(state.can);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">
          Procurement <span className="tenant-name">· {state.me.tenant.name}</span>
        </span>
        <nav aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <NavLink to="/profile">{state.me.first_name || state.me.username}</NavLink>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
