import { screen } from '@testing-library/preact';
import { utcDay } from '../lib/format';
import { fakeNetwork, renderWithSession } from '../test/session';
import { UsagePage } from './Usage';

describe('usage and billing', () => {
  it('charts requests per day and model and prices them', async () => {
    const today = utcDay(Date.now() / 1000);
    const sent = fakeNetwork({
      'GET /v1/usage': () => ({ body: { object: 'list', from: 0, to: 1, group_by: 'x', data: [
        { day: today, model: 'churn', version: '1', requests: 7, rows: 9, errors: 1, compute_seconds: 0.02, avg_latency_ms: 3.5 }] } }),
      'GET /v1/invoices/preview': { body: {
        tenant: 'acme', plan: 'team', currency: 'usd', period: { from: 0, to: 1 }, subtotal: 0.5, total_due: 0.5,
        lines: [{ model: 'churn', requests: 7, inferences: 9, compute_seconds: 0.02, inference_amount: 0.4, compute_amount: 0.1, amount: 0.5 }],
      } },
    });
    renderWithSession(<UsagePage />);
    expect((await screen.findByRole('img', { name: /Requests per day and model/ })).getAttribute('aria-label')).toContain(`${today} 7`);
    expect((await screen.findByTestId('invoice-total')).textContent).toBe('$0.50');
    expect(screen.getByText('3.5 ms')).toBeTruthy();
    expect(sent.map((r) => r.path).filter((p) => p.startsWith('/v1/usage')).map((p) => new URL(p, 'http://x').searchParams.get('group_by')).sort())
      .toEqual(['day', 'model']);
  });

  it('says when nothing was called', async () => {
    fakeNetwork({
      'GET /v1/usage': { body: { object: 'list', from: 0, to: 1, group_by: 'day', data: [] } },
      'GET /v1/invoices/preview': { body: { tenant: 'acme', plan: 'free', currency: 'usd', period: { from: 0, to: 1 }, subtotal: 0, total_due: 0, lines: [] } },
    });
    renderWithSession(<UsagePage />);
    expect(await screen.findByText('No inference calls in this period.')).toBeTruthy();
    expect(await screen.findByText('Nothing billed in this period.')).toBeTruthy();
  });
});
