import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { vi } from 'vitest';
import { fakeNetwork, list, renderWithSession } from '../test/session';
import { ApiKeysPage } from './ApiKeys';

const key = { id: 'key-1', name: 'ci', prefix: 'myk_ab12', scopes: ['models'], created_at: 1_700_000_000 };

describe('the API keys page', () => {
  it('says so when there are no keys yet', async () => {
    fakeNetwork({ 'GET /v1/api-keys': { body: list([]) } });
    renderWithSession(<ApiKeysPage />);
    expect(screen.getByRole('status').textContent).toContain('Loading keys');
    expect(await screen.findByText(/No keys yet/)).toBeTruthy();
  });

  it('shows a new key’s secret once and lists the key', async () => {
    let keys: object[] = [];
    const sent = fakeNetwork({
      'GET /v1/api-keys': () => ({ body: list(keys) }),
      'POST /v1/api-keys': (body) => {
        keys = [key];
        return { status: 201, body: { ...key, ...(body as object), secret: 'myk_ab12_secret' } };
      },
    });
    renderWithSession(<ApiKeysPage />);
    await screen.findByText(/No keys yet/);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect((await screen.findByTestId('api-key-secret')).textContent).toBe('myk_ab12_secret');
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({
      body: { name: 'ci', scopes: ['models', 'inference'] }, authorization: 'Bearer token-for-tests',
    });
    expect(await screen.findByText('myk_ab12…')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('api-key-secret')).toBeNull();
  });

  it('checks the name before sending and shows the server’s field errors', async () => {
    const sent = fakeNetwork({
      'GET /v1/api-keys': { body: list([]) },
      'POST /v1/api-keys': { status: 400, body: { title: 'Invalid request', status: 400, errors: [{ field: 'expires_in_days', message: 'must be at most 3650' }] } },
    });
    renderWithSession(<ApiKeysPage />);
    await screen.findByText(/No keys yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('Name is required')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.input(screen.getByLabelText('Expires in days'), { target: { value: '9999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('Expires in days must be at most 3650')).toBeTruthy();
    expect(screen.getByText('expires_in_days: must be at most 3650')).toBeTruthy();
  });

  it('revokes a key after confirmation', async () => {
    let revoked = false;
    const sent = fakeNetwork({
      'GET /v1/api-keys': () => ({ body: list([revoked ? { ...key, revoked_at: 1_700_000_100 } : key]) }),
      'DELETE /v1/api-keys/key-1': () => {
        revoked = true;
        return { body: { ...key, revoked_at: 1_700_000_100 } };
      },
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithSession(<ApiKeysPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke key ci' }));
    expect(await screen.findByText('revoked')).toBeTruthy();
    expect(sent.some((r) => r.method === 'DELETE' && r.path === '/v1/api-keys/key-1')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Revoke key ci' })).toBeNull();
  });

  it('shows a failed list as a readable message', async () => {
    fakeNetwork({ 'GET /v1/api-keys': { status: 403, body: { title: 'Forbidden', status: 403, detail: 'Only tenant admins manage keys' } } });
    renderWithSession(<ApiKeysPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Forbidden');
    expect(alert.textContent).toContain('Only tenant admins manage keys');
    await waitFor(() => expect(screen.queryByText(/Loading keys/)).toBeNull());
  });
});
