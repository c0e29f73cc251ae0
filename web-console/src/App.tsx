import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from './components/Link';
import { hasRole, PLATFORM_ADMIN, SessionContext, type Session, TENANT_ADMIN, TENANT_MEMBER } from './lib/context';
import { match, navigate, usePath } from './lib/router';
import { AdminPage } from './pages/Admin';
import { ApiKeysPage } from './pages/ApiKeys';
import { DatasetPage, DatasetsPage } from './pages/Datasets';
import { JobPage, JobsPage } from './pages/Jobs';
import { ModelPage, ModelsPage } from './pages/Models';
import { PlaygroundPage } from './pages/Playground';
import { UsagePage } from './pages/Usage';
import type { JSX } from 'preact';

interface Route {
  pattern: string;
  role: string;
  render: (params: Record<string, string>) => JSX.Element;
}

const ROUTES: Route[] = [
  { pattern: '/api-keys', role: TENANT_ADMIN, render: () => <ApiKeysPage /> },
  { pattern: '/datasets', role: TENANT_MEMBER, render: () => <DatasetsPage /> },
  { pattern: '/datasets/:id', role: TENANT_MEMBER, render: ({ id }) => <DatasetPage id={id} /> },
  { pattern: '/jobs', role: TENANT_MEMBER, render: () => <JobsPage /> },
  { pattern: '/jobs/:id', role: TENANT_MEMBER, render: ({ id }) => <JobPage id={id} /> },
  { pattern: '/models', role: TENANT_MEMBER, render: () => <ModelsPage /> },
  { pattern: '/models/:name', role: TENANT_MEMBER, render: ({ name }) => <ModelPage name={name} /> },
  { pattern: '/playground', role: TENANT_MEMBER, render: () => <PlaygroundPage /> },
  { pattern: '/usage', role: TENANT_MEMBER, render: () => <UsagePage /> },
  { pattern: '/admin', role: PLATFORM_ADMIN, render: () => <AdminPage /> },
];

const NAV = [
  { href: '/api-keys', label: 'API keys', role: TENANT_ADMIN },
  { href: '/datasets', label: 'Datasets', role: TENANT_MEMBER },
  { href: '/jobs', label: 'Fine-tuning', role: TENANT_MEMBER },
  { href: '/models', label: 'Models', role: TENANT_MEMBER },
  { href: '/playground', label: 'Playground', role: TENANT_MEMBER },
  { href: '/usage', label: 'Usage and billing', role: TENANT_MEMBER },
  { href: '/admin', label: 'Tenants', role: PLATFORM_ADMIN },
];

/** The logged-in console: header with tenant and role, navigation by role, and the page of the path. */
export function App({ session, userName, onLogout }: { session: Session; userName: string; onLogout: () => void }) {
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);
  const { me } = session;
  const allowed = NAV.filter((item) => hasRole(me, item.role));
  const home = allowed[0]?.href;

  const shownPath = useRef(path);
  useEffect(() => {
    if (path === '/' && home) {
      navigate(home);
      return;
    }
    setMenuOpen(false);
    // After moving within the app, screen readers and the keyboard continue at the new page, as after a load.
    if (shownPath.current !== path) {
      document.getElementById('main')?.focus({ preventScroll: true });
    }
    shownPath.current = path;
  }, [path, home]);

  let page: JSX.Element | null = null;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) {
      page = hasRole(me, route.role)
        ? route.render(params)
        : <div class="problem" role="alert"><strong>Not allowed</strong><p>This page needs the {route.role} role.</p></div>;
      break;
    }
  }
  if (!page && path !== '/') {
    page = <div class="problem" role="alert"><strong>Not found</strong><p>The console has no page at {path}.</p></div>;
  }
  if (!page && !home) {
    page = <div class="problem" role="alert"><strong>No access</strong><p>Your account has no tenant role. Ask your tenant's admin.</p></div>;
  }
  const role = me.roles.includes(PLATFORM_ADMIN) ? PLATFORM_ADMIN : me.roles.includes(TENANT_ADMIN) ? TENANT_ADMIN
    : me.roles.includes(TENANT_MEMBER) ? TENANT_MEMBER : 'no role';

  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}>Menu</button>
        <Link href="/" class="brand">Modelyard</Link>
        <div class="who" data-testid="who">
          {me.tenant && <span>Tenant <strong data-testid="tenant">{me.tenant}</strong></span>}
          <span>Role <strong data-testid="role">{role}</strong></span>
          <span class="muted" data-testid="user">{userName}</span>
          <button type="button" class="secondary" onClick={onLogout}>Log out</button>
        </div>
      </header>
      <div class="layout">
        <nav id="nav" class={menuOpen ? 'nav open' : 'nav'} aria-label="Console">
          <ul>
            {allowed.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={path === item.href || path.startsWith(item.href + '/') ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>{page}</main>
      </div>
    </SessionContext.Provider>
  );
}
