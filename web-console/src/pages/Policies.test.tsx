import { fireEvent, screen } from '@testing-library/preact';
import { useLoad, useSession } from '../lib/context';
import { fakeNetwork, list, renderWithSession } from '../test/session';
import type { ListPage } from '../lib/api';
import { PoliciesCard, type Policy, policyRequest } from './Policies';

const policy: Policy = {
  id: 'policy-1', version: 2, name: 'Strict', created_at: 1, updated_at: 2,
  types: { EMAIL_ADDRESS: { operator: 'mask', chars: 4, from: 'end' } }, columns: { notes: { operator: 'redact' } },
};

function Card() {
  const { api } = useSession();
  const policies = useLoad(() => api.get<ListPage<Policy>>('/v1/privacy/policies'), []);
  return <PoliciesCard policies={policies} onSaved={policies.reload} />;
}

describe('anonymization policies', () => {
  it('keeps an unchanged rule’s parameters in the new version', () => {
    expect(policyRequest('Strict', '', [
      { on: 'type', key: 'EMAIL_ADDRESS', operator: 'mask' },
      { on: 'column', key: 'notes', operator: 'suppress' },
    ], policy)).toEqual({
      name: 'Strict', description: undefined,
      types: { EMAIL_ADDRESS: { operator: 'mask', chars: 4, from: 'end' } }, columns: { notes: { operator: 'suppress' } },
    });
  });

  it('lists the policies and lets a tenant admin create one', async () => {
    let saved: Policy[] = [policy];
    const sent = fakeNetwork({
      'GET /v1/privacy/policies': () => ({ body: list(saved) }),
      'POST /v1/privacy/policies': (body) => {
        saved = [...saved, { ...(body as Policy), id: 'policy-2', version: 1, created_at: 3 }];
        return { status: 201, body: saved[1] };
      },
    });
    renderWithSession(<Card />);
    expect(await screen.findByText('EMAIL_ADDRESS → mask')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New policy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    expect(await screen.findByText('Name is required')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Pseudonyms' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    expect(await screen.findByText('Pseudonyms')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Pseudonyms', types: { EMAIL_ADDRESS: { operator: 'pseudonymize' } }, columns: {},
    });
  });

  it('offers no editing to a member', async () => {
    fakeNetwork({ 'GET /v1/privacy/policies': { body: list([policy]) } });
    renderWithSession(<Card />, { subject: 'm', tenant: 'acme', roles: ['tenant-member'] });
    await screen.findByText('Strict');
    expect(screen.queryByRole('button', { name: 'New policy' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit policy Strict' })).toBeNull();
  });
});
