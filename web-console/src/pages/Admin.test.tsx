import { fireEvent, screen } from '@testing-library/preact';
import { fakeNetwork, list, renderWithSession } from '../test/session';
import { AdminPage } from './Admin';

const PLATFORM_ADMIN = { subject: 'p', tenant: null, roles: ['platform-admin'] };
const acme = { id: 'acme', name: 'Acme', plan: 'team', status: 'active', quotas: { requests_per_minute: 600, max_concurrent_jobs: 2 }, created_at: 1, updated_at: 1 };

describe('the tenants page', () => {
  it('onboards a tenant and shows its admin’s temporary password once', async () => {
    let tenants = [acme];
    const sent = fakeNetwork({
      'GET /v1/admin/tenants': () => ({ body: list(tenants) }),
      'POST /v1/admin/tenants': (body) => {
        const created = { ...acme, id: 'initech', name: 'Initech', plan: 'free',
          admin: { username: 'admin@initech.test', email: 'admin@initech.test', temporary_password: 'Temp-1234' } };
        tenants = [...tenants, created];
        return { status: 201, body: { ...created, request: body } };
      },
    });
    renderWithSession(<AdminPage />, PLATFORM_ADMIN);
    expect(await screen.findByText('Acme')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    expect(await screen.findByText("ID must be 3-32 lower-case letters, digits or '-'")).toBeTruthy();
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'initech' } });
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Initech' } });
    fireEvent.input(screen.getByLabelText("First admin's e-mail"), { target: { value: 'admin@initech.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    expect(await screen.findByText('Temp-1234')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ id: 'initech', name: 'Initech', plan: 'free', admin: { email: 'admin@initech.test' } });
  });

  it('changes a tenant’s plan and quotas, and disables it', async () => {
    const sent = fakeNetwork({
      'GET /v1/admin/tenants': { body: list([acme]) },
      'PATCH /v1/admin/tenants/acme': (body) => ({ body: { ...acme, ...(body as object) } }),
    });
    renderWithSession(<AdminPage />, PLATFORM_ADMIN);
    fireEvent.change(await screen.findByLabelText('Plan of acme'), { target: { value: 'enterprise' } });
    fireEvent.input(screen.getByLabelText('Requests per minute of acme'), { target: { value: '1200' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await screen.findByText('Acme');
    const patches = sent.filter((r) => r.method === 'PATCH').map((r) => r.body);
    expect(patches[0]).toEqual({ plan: 'enterprise', quotas: { requests_per_minute: 1200, max_concurrent_jobs: 2 } });
    expect(patches.at(-1)).toMatchObject({ status: 'disabled' });
  });
});
