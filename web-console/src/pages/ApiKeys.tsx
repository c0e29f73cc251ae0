import { useState } from 'preact/hooks';
import { describedBy, Field } from '../components/Field';
import { Badge, Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatTime } from '../lib/format';
import type { ApiKey } from '../lib/types';

export const SCOPES = ['files', 'fine_tuning', 'models', 'inference', 'usage'];

function keyState(key: ApiKey, now: number): string {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && key.expires_at <= now) return 'expired';
  return 'active';
}

/** API keys for programs: created with their secret shown once, listed, revoked. */
export function ApiKeysPage() {
  const { api } = useSession();
  const keys = useLoad(() => api.get<ListPage<ApiKey>>('/v1/api-keys?limit=100'), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['models', 'inference']);
  const [expiresInDays, setExpiresInDays] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();
  const create = useAction(async () => {
    const body: Record<string, unknown> = { name: name.trim(), scopes };
    if (expiresInDays) body.expires_in_days = Number(expiresInDays);
    const key = await api.post<ApiKey>('/v1/api-keys', body);
    setCreated(key);
    setCopied(false);
    setName('');
    keys.reload();
  });
  const revoke = useAction(async (key: ApiKey) => {
    await api.delete(`/v1/api-keys/${encodeURIComponent(key.id)}`);
    keys.reload();
  });
  const now = Date.now() / 1000;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('is required');
      return;
    }
    if (scopes.length === 0) {
      setNameError(undefined);
      create.clearError();
      return;
    }
    setNameError(undefined);
    void create.run();
  };
  const toggle = (scope: string) =>
    setScopes(scopes.includes(scope) ? scopes.filter((s) => s !== scope) : [...scopes, scope]);

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p class="lead">Programs call the API with a key instead of a login. Each key reaches only the areas of its scopes.</p>

      <form class="card" onSubmit={submit} noValidate>
        <h2>New key</h2>
        <div class="row">
          <Field id="key-name" label="Name" error={nameError ?? create.error?.fieldMessage('name')}>
            <input {...describedBy('key-name', nameError)} value={name} maxLength={100}
              onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="key-expiry" label="Expires in days" hint="Leave empty for a key that does not expire"
            error={create.error?.fieldMessage('expires_in_days')}>
            <input {...describedBy('key-expiry', undefined, 'Leave empty for a key that does not expire')} type="number"
              min={1} max={3650} value={expiresInDays} onInput={(e) => setExpiresInDays((e.target as HTMLInputElement).value)} />
          </Field>
        </div>
        <fieldset class="scopes">
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} class="check">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scope}
            </label>
          ))}
          {scopes.length === 0 && <small class="field-error" role="alert">Choose at least one scope</small>}
        </fieldset>
        <ProblemMessage error={create.error} />
        <button type="submit" disabled={create.busy}>{create.busy ? 'Creating…' : 'Create key'}</button>
      </form>

      {created?.secret && (
        <div class="card secret" role="status">
          <h2>Key “{created.name}” created</h2>
          <p>Copy the secret now: it is shown only this once.</p>
          <code class="secret-value" data-testid="api-key-secret">{created.secret}</code>
          <div class="actions">
            <button type="button" onClick={() => {
              // The clipboard may be refused (no permission, not a secure context): then the secret stays selectable.
              navigator.clipboard?.writeText(created.secret ?? '').then(() => setCopied(true), () => setCopied(false));
            }}>{copied ? 'Copied' : 'Copy'}</button>
            <button type="button" class="secondary" onClick={() => setCreated(null)}>I have stored it</button>
          </div>
        </div>
      )}

      <h2>Keys</h2>
      <ProblemMessage error={keys.error ?? revoke.error} />
      {keys.loading && !keys.data && <Loading what="keys" />}
      {keys.data && keys.data.data.length === 0 && <Empty>No keys yet. Create one above for your first program.</Empty>}
      {keys.data && keys.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Name</th><th>Prefix</th><th>Scopes</th><th>State</th><th>Created</th><th>Last used</th><th /></tr></thead>
            <tbody>
              {keys.data.data.map((key) => {
                const state = keyState(key, now);
                return (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td><code>{key.prefix}…</code></td>
                    <td>{key.scopes.join(', ')}</td>
                    <td><Badge value={state} /></td>
                    <td>{formatTime(key.created_at)}</td>
                    <td>{formatTime(key.last_used_at)}</td>
                    <td>
                      {state === 'active' && (
                        <button type="button" class="danger" disabled={revoke.busy}
                          aria-label={`Revoke key ${key.name}`}
                          onClick={() => {
                            if (window.confirm(`Revoke the key “${key.name}”? Programs using it stop working at once.`)) {
                              void revoke.run(key);
                            }
                          }}>Revoke</button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
