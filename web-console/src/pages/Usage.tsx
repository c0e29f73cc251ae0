import { useState } from 'preact/hooks';
import { StackedBars } from '../components/Charts';
import { describedBy, Field } from '../components/Field';
import { Empty, Loading, ProblemMessage } from '../components/Status';
import { query } from '../lib/api';
import { useLoad, useSession } from '../lib/context';
import { formatMoney, formatNumber, formatTime, utcDay } from '../lib/format';
import { daySeries, usageCsv } from '../lib/usage';
import type { InvoicePreview, UsageReport } from '../lib/types';

const PERIODS = [7, 30, 90];

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Usage per model and day, the invoice preview for the period, and a CSV export. */
export function UsagePage() {
  const { api } = useSession();
  const [days, setDays] = useState(30);
  const to = Math.floor(Date.now() / 1000);
  const from = to - days * 86_400;
  const byDay = useLoad(() => api.get<UsageReport>(`/v1/usage${query({ from, to, group_by: 'day' })}`), [days]);
  const byModel = useLoad(() => api.get<UsageReport>(`/v1/usage${query({ from, to, group_by: 'model' })}`), [days]);
  const invoice = useLoad(() => api.get<InvoicePreview>(`/v1/invoices/preview${query({ from, to })}`), [days]);
  const series = byDay.data ? daySeries(byDay.data.data, utcDay(from), utcDay(to)) : null;
  return (
    <section aria-labelledby="usage-title">
      <h1 id="usage-title">Usage and billing</h1>
      <div class="toolbar">
        <Field id="usage-period" label="Period">
          <select {...describedBy('usage-period')} value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
            {PERIODS.map((d) => <option key={d} value={d}>last {d} days</option>)}
          </select>
        </Field>
        <button type="button" class="secondary" disabled={!byDay.data}
          onClick={() => byDay.data && download(`usage-${utcDay(from)}-${utcDay(to)}.csv`, usageCsv(byDay.data.data))}>Export CSV</button>
      </div>
      <div class="card">
        <ProblemMessage error={byDay.error} />
        {byDay.loading && !byDay.data && <Loading what="usage" />}
        {series && (series.models.length === 0
          ? <Empty>No inference calls in this period.</Empty>
          : <StackedBars title="Requests per day and model" categories={series.days} stacks={series.requests} />)}
      </div>
      <h2>Per model</h2>
      <ProblemMessage error={byModel.error} />
      {byModel.data && byModel.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Model</th><th>Version</th><th>Requests</th><th>Rows</th><th>Errors</th><th>Compute s</th><th>Average latency</th></tr></thead>
            <tbody>
              {byModel.data.data.map((row) => (
                <tr key={`${row.model}@${row.version}`}>
                  <td>{row.model}</td><td>{row.version ?? '—'}</td><td>{formatNumber(row.requests)}</td>
                  <td>{formatNumber(row.rows)}</td><td>{formatNumber(row.errors)}</td>
                  <td>{formatNumber(row.compute_seconds, 3)}</td>
                  <td>{row.avg_latency_ms != null ? `${formatNumber(row.avg_latency_ms, 3)} ms` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {byModel.data && byModel.data.data.length === 0 && <Empty>Nothing to show per model.</Empty>}
      <h2>Invoice preview</h2>
      <ProblemMessage error={invoice.error} />
      {invoice.loading && !invoice.data && <Loading what="the invoice preview" />}
      {invoice.data && (
        <div class="card">
          <p>Plan <strong>{invoice.data.plan}</strong>, {formatTime(invoice.data.period.from)} to {formatTime(invoice.data.period.to)}.</p>
          {invoice.data.lines.length === 0 ? <Empty>Nothing billed in this period.</Empty> : (
            <div class="table-wrap">
              <table>
                <thead><tr><th>Model</th><th>Requests</th><th>Inferences</th><th>Compute s</th><th>Amount</th></tr></thead>
                <tbody>
                  {invoice.data.lines.map((line) => (
                    <tr key={line.model}>
                      <td>{line.model}</td><td>{formatNumber(line.requests)}</td><td>{formatNumber(line.inferences)}</td>
                      <td>{formatNumber(Number(line.compute_seconds))}</td><td>{formatMoney(Number(line.amount), invoice.data!.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="total">Total due: <strong data-testid="invoice-total">{formatMoney(Number(invoice.data.total_due), invoice.data.currency)}</strong></p>
        </div>
      )}
    </section>
  );
}
