import { render, screen } from '@testing-library/preact';
import { App } from './App';
import { Api } from './lib/api';
import { fakeNetwork, list } from './test/session';

function renderApp(roles: string[], tenant: string | null = 'acme') {
  window.history.replaceState(null, '', '/');
  const api = new Api(async () => 'token');
  return render(<App session={{ api, me: { subject: 'f0e1', tenant, roles } }} userName="someone" onLogout={() => undefined} />);
}

describe('the console frame', () => {
  beforeEach(() => {
    fakeNetwork({
      'GET /v1/api-keys': { body: list([]) },
      'GET /v1/files': { body: list([]) },
      'GET /v1/privacy/budget': { body: { epsilon: { total: 10, spent: 3, reserved: 1, remaining: 6 }, delta: { total: 1e-4, spent: 0, reserved: 0, remaining: 1e-4 } } },
      'GET /v1/admin/tenants': { body: list([]) },
    });
  });

  it('shows the tenant and role, and a tenant admin starts on the API keys', async () => {
    renderApp(['tenant-admin', 'tenant-member']);
    expect(screen.getByTestId('tenant').textContent).toBe('acme');
    expect(screen.getByTestId('role').textContent).toBe('tenant-admin');
    expect(screen.getByTestId('user').textContent).toBe('someone');
    expect(await screen.findByRole('heading', { level: 1, name: 'API keys' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'API keys' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('link', { name: 'Tenants' })).toBeNull();
  });

  it('offers a member everything but the keys, starting on the datasets with the budget gauge', async () => {
    renderApp(['tenant-member']);
    expect(screen.queryByRole('link', { name: 'API keys' })).toBeNull();
    expect(await screen.findByRole('heading', { level: 1, name: 'Datasets' })).toBeTruthy();
    expect((await screen.findByRole('meter', { name: 'ε (epsilon) used' })).getAttribute('aria-valuetext'))
      .toBe('3 spent, 1 reserved, 6 left');
  });

  it('gives a platform admin the tenants page only', async () => {
    renderApp(['platform-admin'], null);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tenants' })).toBeTruthy();
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['Skip to content', 'Modelyard', 'Tenants']);
  });

  it('refuses a page the role does not allow', () => {
    renderApp(['tenant-member']);
    window.history.pushState(null, '', '/api-keys');
    window.dispatchEvent(new PopStateEvent('popstate'));
    return screen.findByText('This page needs the tenant-admin role.');
  });
});
