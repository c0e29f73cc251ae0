import { useState } from 'preact/hooks';
import { describedBy, Field } from '../components/Field';
import { Badge, Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatTime } from '../lib/format';
import type { Tenant } from '../lib/types';

const PLANS = ['free', 'team', 'enterprise'];

/** For platform admins: tenants, their plans, quotas and status, and onboarding a new one. */
export function AdminPage() {
  const { api } = useSession();
  const tenants = useLoad(() => api.get<ListPage<Tenant>>('/v1/admin/tenants?limit=100'), []);
  const [created, setCreated] = useState<Tenant | null>(null);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Tenants</h1>
      <TenantCreateForm onCreated={(tenant) => { setCreated(tenant); tenants.reload(); }} />
      {created?.admin && (
        <div class="card secret" role="status">
          <h2>Tenant “{created.name}” created</h2>
          <p>Its first admin <code>{created.admin.username}</code> logs in with this temporary password, shown only once:</p>
          <code class="secret-value">{created.admin.temporary_password}</code>
          <div class="actions"><button type="button" class="secondary" onClick={() => setCreated(null)}>Done</button></div>
        </div>
      )}
      <ProblemMessage error={tenants.error} />
      {tenants.loading && !tenants.data && <Loading what="tenants" />}
      {tenants.data && tenants.data.data.length === 0 && <Empty>No tenants yet.</Empty>}
      {tenants.data && tenants.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Tenant</th><th>Plan</th><th>Requests/min</th><th>Concurrent jobs</th><th>Status</th><th>Created</th><th /></tr></thead>
            <tbody>
              {tenants.data.data.map((tenant) => <TenantRow key={tenant.id} tenant={tenant} onSaved={tenants.reload} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TenantRow({ tenant, onSaved }: { tenant: Tenant; onSaved: () => void }) {
  const { api } = useSession();
  const [plan, setPlan] = useState(tenant.plan);
  const [rpm, setRpm] = useState(String(tenant.quotas.requests_per_minute));
  const [jobs, setJobs] = useState(String(tenant.quotas.max_concurrent_jobs));
  const save = useAction(async (status?: string) => {
    await api.patch(`/v1/admin/tenants/${encodeURIComponent(tenant.id)}`, {
      plan, status, quotas: { requests_per_minute: Number(rpm), max_concurrent_jobs: Number(jobs) },
    });
    onSaved();
  });
  const id = `tenant-${tenant.id}`;
  return (
    <>
      <tr>
        <td><strong>{tenant.name}</strong><div class="muted small">{tenant.id}</div></td>
        <td><select aria-label={`Plan of ${tenant.id}`} id={`${id}-plan`} value={plan} onChange={(e) => setPlan((e.target as HTMLSelectElement).value)}>
          {PLANS.map((p) => <option key={p} value={p}>{p}</option>)}
        </select></td>
        <td><input aria-label={`Requests per minute of ${tenant.id}`} type="number" min={1} class="narrow" value={rpm}
          onInput={(e) => setRpm((e.target as HTMLInputElement).value)} /></td>
        <td><input aria-label={`Concurrent jobs of ${tenant.id}`} type="number" min={0} class="narrow" value={jobs}
          onInput={(e) => setJobs((e.target as HTMLInputElement).value)} /></td>
        <td><Badge value={tenant.status} /></td>
        <td>{formatTime(tenant.created_at)}</td>
        <td>
          <div class="actions row-actions">
            <button type="button" class="secondary" disabled={save.busy} onClick={() => void save.run()}>Save</button>
            <button type="button" class={tenant.status === 'active' ? 'danger' : 'secondary'} disabled={save.busy}
              onClick={() => void save.run(tenant.status === 'active' ? 'disabled' : 'active')}>
              {tenant.status === 'active' ? 'Disable' : 'Enable'}</button>
          </div>
        </td>
      </tr>
      {save.error && <tr><td colSpan={7}><ProblemMessage error={save.error} onDismiss={save.clearError} /></td></tr>}
    </>
  );
}

function TenantCreateForm({ onCreated }: { onCreated: (tenant: Tenant) => void }) {
  const { api } = useSession();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [plan, setPlan] = useState('free');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useAction(async () => {
    const tenant = await api.post<Tenant>('/v1/admin/tenants', { id, name, plan, admin: { email } });
    setId(''); setName(''); setEmail('');
    onCreated(tenant);
  });
  const errorOf = (field: string) => errors[field] ?? create.error?.fieldMessage(field);
  const submit = (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(id)) found.id = "must be 3-32 lower-case letters, digits or '-'";
    if (!name.trim()) found.name = 'is required';
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) found['admin.email'] = 'must be an e-mail address';
    setErrors(found);
    if (Object.keys(found).length === 0) void create.run();
  };
  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>Onboard a tenant</h2>
      <div class="row">
        <Field id="tenant-id" label="ID" error={errorOf('id')} hint="Appears in tokens and logs, e.g. initech">
          <input {...describedBy('tenant-id', errorOf('id'), 'Appears in tokens and logs, e.g. initech')} value={id} onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="tenant-name" label="Name" error={errorOf('name')}>
          <input {...describedBy('tenant-name', errorOf('name'))} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="tenant-plan" label="Plan" error={errorOf('plan')}>
          <select {...describedBy('tenant-plan')} value={plan} onChange={(e) => setPlan((e.target as HTMLSelectElement).value)}>
            {PLANS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
        <Field id="tenant-email" label="First admin's e-mail" error={errorOf('admin.email')}>
          <input {...describedBy('tenant-email', errorOf('admin.email'))} type="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </Field>
      </div>
      <ProblemMessage error={create.error} />
      <button type="submit" disabled={create.busy}>{create.busy ? 'Creating…' : 'Create tenant'}</button>
    </form>
  );
}
