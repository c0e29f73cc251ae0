import { fireEvent, screen } from '@testing-library/preact';
import { fakeNetwork, renderWithSession } from '../test/session';
import { DatasetPage } from './Datasets';

const file = {
  id: 'file-01', filename: 'customers.csv', bytes: 2048, rows: 400, created_at: 1, purpose: 'fine-tune', status: 'processed',
  format: 'csv', sha256: 'ab', columns: ['age', 'zip', 'email', 'churned'], policy: { id: 'policy-1', version: 2 },
  pii_report: {
    total: 69, rows_with_pii: 69, by_type: { EMAIL_ADDRESS: 69 }, by_column: { email: { EMAIL_ADDRESS: 69 } },
    classified_columns: { email: 'EMAIL_ADDRESS' }, operators_by_type: { EMAIL_ADDRESS: 'pseudonymize' },
  },
};
const budget = {
  epsilon: { total: 10, spent: 2, reserved: 3, remaining: 5 }, delta: { total: 1e-5, spent: 0, reserved: 0, remaining: 1e-5 },
  tenant: { epsilon: { total: 100, spent: 2, reserved: 3, remaining: 95 }, delta: { total: 1e-4, spent: 0, reserved: 0, remaining: 1e-4 } },
};

describe('a dataset', () => {
  it('shows its PII report with the policy’s operators and its privacy budget', async () => {
    fakeNetwork({ 'GET /v1/files/file-01': { body: file }, 'GET /v1/files/file-01/budget': { body: budget } });
    renderWithSession(<DatasetPage id="file-01" />);
    expect(await screen.findByText('policy-1 v2')).toBeTruthy();
    expect(screen.getByRole('row', { name: 'EMAIL_ADDRESS 69 pseudonymize' })).toBeTruthy();
    expect((await screen.findByRole('meter', { name: 'This file: ε used' })).getAttribute('aria-valuetext'))
      .toBe('2 spent, 3 reserved, 5 left');
    expect(screen.getByRole('meter', { name: 'Tenant: ε used' })).toBeTruthy();
  });

  it('asks for quasi-identifiers, then sends the k-anonymity request', async () => {
    const sent = fakeNetwork({
      'GET /v1/files/file-01': { body: file },
      'GET /v1/files/file-01/budget': { body: budget },
      'POST /v1/files/file-01/anonymize': { status: 422, body: { title: 'No anonymization found', status: 422, detail: 'k = 50 needs more rows' } },
    });
    renderWithSession(<DatasetPage id="file-01" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Make a k-anonymous copy' }));
    expect(await screen.findByText('Choose at least one quasi-identifier column')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'age' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'zip' }));
    fireEvent.change(screen.getByLabelText('Type of zip'), { target: { value: 'postal_code' } });
    fireEvent.input(screen.getByLabelText('k'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make a k-anonymous copy' }));
    expect(await screen.findByText('k = 50 needs more rows')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      quasi_identifiers: [{ column: 'age', type: 'number' }, { column: 'zip', type: 'postal_code' }], k: 50, suppression_limit: 0.05,
    });
  });

  it('answers a missing or foreign dataset with the server’s message', async () => {
    fakeNetwork({ 'GET /v1/files/file-99': { status: 404, body: { title: 'Not found', status: 404, detail: 'No file file-99' } } });
    renderWithSession(<DatasetPage id="file-99" />);
    expect((await screen.findByRole('alert')).textContent).toContain('No file file-99');
  });
});
