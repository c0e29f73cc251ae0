import { useState } from 'preact/hooks';
import { describedBy, Field } from '../components/Field';
import { Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { type Loaded, TENANT_ADMIN, hasRole, useAction, useSession } from '../lib/context';
import { formatTime } from '../lib/format';

/** An operator as a policy writes it, e.g. `{"operator": "mask", "chars": 4, "from": "end"}`. */
export interface OperatorSpec {
  operator: string;
  [parameter: string]: unknown;
}

export interface Policy {
  id: string;
  version: number;
  name: string;
  description?: string | null;
  types?: Record<string, OperatorSpec> | null;
  columns?: Record<string, OperatorSpec> | null;
  created_at: number;
  updated_at?: number | null;
}

export const OPERATORS = ['redact', 'replace', 'mask', 'pseudonymize', 'format_preserving', 'generalize', 'suppress', 'keep'];
export const PII_TYPES = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN', 'IP_ADDRESS', 'MAC_ADDRESS', 'URL_CREDENTIALS',
  'US_SSN', 'DATE_OF_BIRTH', 'POSTAL_CODE', 'UK_NINO', 'ES_DNI', 'IT_FISCAL_CODE', 'FR_NIR', 'SECRET'];

function describe(rules: Record<string, OperatorSpec> | null | undefined): string {
  const entries = Object.entries(rules ?? {});
  return entries.length === 0 ? '—' : entries.map(([key, spec]) => `${key} → ${spec.operator}`).join(', ');
}

/**
 * The tenant's anonymization policies (which operator each kind of personal data, or each column, gets on
 * upload), every change a new version; tenant admins write them, uploads name one.
 */
export function PoliciesCard({ policies, onSaved }: { policies: Loaded<ListPage<Policy>>; onSaved: () => void }) {
  const { me } = useSession();
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  return (
    <div class="card">
      <h2>Anonymization policies</h2>
      <p class="muted">Each upload is anonymized by a policy: the operator for each kind of personal data found and for whole columns. Without one, the platform default applies.</p>
      <ProblemMessage error={policies.error} />
      {policies.loading && !policies.data && <Loading what="policies" />}
      {policies.data && policies.data.data.length === 0 && <Empty>No policies yet: uploads use the platform default.</Empty>}
      {policies.data && policies.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Policy</th><th>Version</th><th>Kinds</th><th>Columns</th><th>Changed</th><th /></tr></thead>
            <tbody>
              {policies.data.data.map((policy) => (
                <tr key={policy.id}>
                  <td>{policy.name}<div class="muted small">{policy.id}</div></td>
                  <td>v{policy.version}</td>
                  <td>{describe(policy.types)}</td>
                  <td>{describe(policy.columns)}</td>
                  <td>{formatTime(policy.updated_at ?? policy.created_at)}</td>
                  <td>{hasRole(me, TENANT_ADMIN) && (
                    <button type="button" class="link" onClick={() => setEditing(policy)} aria-label={`Edit policy ${policy.name}`}>Edit</button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasRole(me, TENANT_ADMIN) && !editing && (
        <button type="button" class="secondary" onClick={() => setEditing('new')}>New policy</button>
      )}
      {editing && (
        <PolicyForm key={editing === 'new' ? 'new' : editing.id} policy={editing === 'new' ? null : editing}
          onDone={(saved) => { setEditing(null); if (saved) onSaved(); }} />
      )}
    </div>
  );
}

interface Rule {
  on: 'type' | 'column';
  key: string;
  operator: string;
}

function rulesOf(policy: Policy | null): Rule[] {
  if (!policy) {
    return [{ on: 'type', key: 'EMAIL_ADDRESS', operator: 'pseudonymize' }];
  }
  return [
    ...Object.entries(policy.types ?? {}).map(([key, spec]) => ({ on: 'type' as const, key, operator: spec.operator })),
    ...Object.entries(policy.columns ?? {}).map(([key, spec]) => ({ on: 'column' as const, key, operator: spec.operator })),
  ];
}

/** The body of a policy version from the form's rules; parameters an existing rule had are kept. */
export function policyRequest(name: string, description: string, rules: Rule[], previous: Policy | null) {
  const types: Record<string, OperatorSpec> = {};
  const columns: Record<string, OperatorSpec> = {};
  for (const rule of rules) {
    const before = (rule.on === 'type' ? previous?.types : previous?.columns)?.[rule.key];
    const spec = before && before.operator === rule.operator ? before : { operator: rule.operator };
    (rule.on === 'type' ? types : columns)[rule.key.trim()] = spec;
  }
  return { name: name.trim(), description: description.trim() || undefined, types, columns };
}

function PolicyForm({ policy, onDone }: { policy: Policy | null; onDone: (saved: boolean) => void }) {
  const { api } = useSession();
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [rules, setRules] = useState<Rule[]>(rulesOf(policy));
  const [nameError, setNameError] = useState<string | undefined>();
  const save = useAction(async () => {
    const body = policyRequest(name, description, rules, policy);
    if (policy) await api.put(`/v1/privacy/policies/${encodeURIComponent(policy.id)}`, body);
    else await api.post('/v1/privacy/policies', body);
    onDone(true);
  });
  const update = (index: number, change: Partial<Rule>) => setRules(rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));
  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('is required');
      return;
    }
    setNameError(undefined);
    void save.run();
  };
  return (
    <form class="policy-form" onSubmit={submit} noValidate aria-label={policy ? `Edit policy ${policy.name}` : 'New policy'}>
      <h3>{policy ? `New version of ${policy.name}` : 'New policy'}</h3>
      <div class="row">
        <Field id="policy-name" label="Name" error={nameError ?? save.error?.fieldMessage('name')}>
          <input {...describedBy('policy-name', nameError)} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="policy-description" label="Description" error={save.error?.fieldMessage('description')}>
          <input {...describedBy('policy-description')} value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />
        </Field>
      </div>
      <datalist id="pii-types">{PII_TYPES.map((type) => <option key={type} value={type} />)}</datalist>
      <table>
        <thead><tr><th>Applies to</th><th>Kind or column</th><th>Operator</th><th /></tr></thead>
        <tbody>
          {rules.map((rule, i) => {
            const field = `${rule.on === 'type' ? 'types' : 'columns'}.${rule.key}.operator`;
            const error = save.error?.fieldMessage(field) ?? save.error?.fieldMessage(`${rule.on === 'type' ? 'types' : 'columns'}.${rule.key}`);
            return (
              <tr key={i}>
                <td><select aria-label={`Rule ${i + 1} applies to`} value={rule.on} onChange={(e) => update(i, { on: (e.target as HTMLSelectElement).value as Rule['on'] })}>
                  <option value="type">a kind of personal data</option><option value="column">a whole column</option>
                </select></td>
                <td><input aria-label={`Rule ${i + 1} kind or column`} list={rule.on === 'type' ? 'pii-types' : undefined} value={rule.key}
                  onInput={(e) => update(i, { key: (e.target as HTMLInputElement).value })} />
                  {error && <div class="field-error" role="alert">{error}</div>}</td>
                <td><select aria-label={`Rule ${i + 1} operator`} value={rule.operator} onChange={(e) => update(i, { operator: (e.target as HTMLSelectElement).value })}>
                  {OPERATORS.map((operator) => <option key={operator} value={operator}>{operator.replace('_', ' ')}</option>)}
                </select></td>
                <td><button type="button" class="link" aria-label={`Remove rule ${i + 1}`} onClick={() => setRules(rules.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setRules([...rules, { on: 'type', key: '', operator: 'redact' }])}>Add rule</button>
      </div>
      <ProblemMessage error={save.error} />
      <div class="actions">
        <button type="submit" disabled={save.busy}>{save.busy ? 'Saving…' : policy ? 'Save new version' : 'Create policy'}</button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
