import { useState } from 'preact/hooks';
import { describedBy, Field } from '../components/Field';
import { Link } from '../components/Link';
import { Badge, Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatBytes, formatNumber, formatTime } from '../lib/format';
import type { AliasEvent, ModelAlias, ModelVersion, RegisteredModel } from '../lib/types';

/** Registered models. */
export function ModelsPage() {
  const { api } = useSession();
  const models = useLoad(() => api.get<ListPage<RegisteredModel>>('/v1/models?limit=100'), []);
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">Models</h1>
      <p class="lead">Every fine-tuning result is an immutable version; moving an alias such as <code>production</code> deploys a version.</p>
      <ProblemMessage error={models.error} />
      {models.loading && !models.data && <Loading what="models" />}
      {models.data && models.data.data.length === 0 && <Empty>No models yet. A succeeded fine-tuning job registers one.</Empty>}
      {models.data && models.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Name</th><th>Description</th><th>Updated</th></tr></thead>
            <tbody>
              {models.data.data.map((model) => (
                <tr key={model.id}>
                  <td><Link href={`/models/${encodeURIComponent(model.name)}`}>{model.name}</Link></td>
                  <td>{model.description ?? '—'}</td>
                  <td>{formatTime(model.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function figure(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Headline metrics of a version: the scalar ones, not the per-epoch history. */
export function scalarMetrics(metrics: Record<string, unknown> | null | undefined): [string, unknown][] {
  return Object.entries(metrics ?? {}).filter(([, value]) => typeof value === 'number' || typeof value === 'string');
}

/** One model: versions with metrics and lineage, aliases with their history, and deploying by moving an alias. */
export function ModelPage({ name }: { name: string }) {
  const { api } = useSession();
  const base = `/v1/models/${encodeURIComponent(name)}`;
  const versions = useLoad(() => api.get<ListPage<ModelVersion>>(`${base}/versions?limit=100`), [name]);
  const aliases = useLoad(() => api.get<ListPage<ModelAlias>>(`${base}/aliases`), [name]);
  const wanted = Number(new URLSearchParams(window.location.search).get('version'));
  const [selected, setSelected] = useState<number | null>(Number.isInteger(wanted) && wanted > 0 ? wanted : null);

  if (versions.loading && !versions.data) return <Loading what="the model" />;
  if (!versions.data) return <ProblemMessage error={versions.error} />;
  const list = [...versions.data.data].sort((a, b) => b.version - a.version);
  const current = list.find((v) => v.version === selected) ?? list[0];
  return (
    <section aria-labelledby="model-title">
      <p class="crumbs"><Link href="/models">Models</Link> /</p>
      <h1 id="model-title">{name}</h1>
      <h2>Versions</h2>
      {list.length === 0 ? <Empty>This model has no versions yet.</Empty> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Version</th><th>Aliases</th><th>Accuracy</th><th>ε spent</th><th>Job</th><th>Created</th></tr></thead>
            <tbody>
              {list.map((version) => (
                <tr key={version.id} class={version === current ? 'selected' : ''}>
                  <td><button type="button" class="link" aria-pressed={version === current}
                    onClick={() => setSelected(version.version)}>v{version.version}</button></td>
                  <td>{version.aliases.map((alias) => <Badge key={alias} value={alias} />)}</td>
                  <td>{figure((version.metrics ?? {}).valid_accuracy ?? (version.metrics ?? {}).accuracy ?? '—')}</td>
                  <td>{version.lineage?.epsilon != null ? formatNumber(version.lineage.epsilon) : '—'}</td>
                  <td>{version.lineage?.job_id ? <Link href={`/jobs/${encodeURIComponent(version.lineage.job_id)}`}>{version.lineage.job_id}</Link> : '—'}</td>
                  <td>{formatTime(version.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && <VersionDetails version={current} />}
      <Aliases base={base} versions={list} aliases={aliases.data?.data} error={aliases.error} loading={aliases.loading}
        onMoved={() => { aliases.reload(); versions.reload(); }} />
    </section>
  );
}

function VersionDetails({ version }: { version: ModelVersion }) {
  const lineage = version.lineage ?? {};
  return (
    <div class="grid-2">
      <div class="card">
        <h2>Version {version.version}: metrics</h2>
        <dl class="facts">
          {scalarMetrics(version.metrics).map(([key, value]) => <div key={key}><dt>{key}</dt><dd>{figure(value)}</dd></div>)}
        </dl>
        <h3>Signature</h3>
        <ul class="plain">
          {version.signature.inputs.map((t) => <li key={`in-${t.name}`}>input <code>{t.name}</code> {t.datatype} [{t.shape.join(', ')}]</li>)}
          {version.signature.outputs.map((t) => <li key={`out-${t.name}`}>output <code>{t.name}</code> {t.datatype} [{t.shape.join(', ')}]</li>)}
        </ul>
        {version.signature.feature_names && <p>Features: {version.signature.feature_names.join(', ')}</p>}
        {version.signature.class_labels && <p>Classes: {version.signature.class_labels.join(', ')}</p>}
      </div>
      <div class="card">
        <h2>Lineage</h2>
        <dl class="facts">
          <div><dt>Job</dt><dd>{lineage.job_id ? <Link href={`/jobs/${encodeURIComponent(lineage.job_id)}`}>{lineage.job_id}</Link> : '—'}</dd></div>
          <div><dt>Training file</dt><dd>{lineage.training_file ? <Link href={`/datasets/${encodeURIComponent(lineage.training_file)}`}>{lineage.training_file}</Link> : '—'}</dd></div>
          <div><dt>Validation file</dt><dd>{lineage.validation_file ?? '—'}</dd></div>
          <div><dt>Base model</dt><dd>{lineage.base_model ?? '—'}</dd></div>
          <div><dt>ε spent</dt><dd>{formatNumber(lineage.epsilon)}</dd></div>
          <div><dt>δ</dt><dd>{lineage.delta ?? '—'}</dd></div>
          <div><dt>Artifact</dt><dd><code title={version.artifact_sha256}>{version.artifact_sha256.slice(0, 12)}…</code> {formatBytes(version.artifact_size)} {version.format}</dd></div>
          <div><dt>Created by</dt><dd>{version.created_by ?? '—'}</dd></div>
        </dl>
      </div>
    </div>
  );
}

function Aliases({ base, versions, aliases, error, loading, onMoved }: {
  base: string;
  versions: ModelVersion[];
  aliases: ModelAlias[] | undefined;
  error: import('../lib/problem').ApiError | null;
  loading: boolean;
  onMoved: () => void;
}) {
  const { api } = useSession();
  const [alias, setAlias] = useState('production');
  const [version, setVersion] = useState(String(versions[0]?.version ?? ''));
  const [aliasError, setAliasError] = useState<string | undefined>();
  const [history, setHistory] = useState<string | null>(null);
  const move = useAction(async () => {
    await api.put(`${base}/aliases/${encodeURIComponent(alias)}`, { version: Number(version) });
    onMoved();
  });
  const submit = (event: Event) => {
    event.preventDefault();
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(alias)) {
      setAliasError("must start with a-z and have at most 32 of a-z, 0-9, '_' and '-'");
      return;
    }
    setAliasError(undefined);
    void move.run();
  };
  return (
    <div class="card">
      <h2>Aliases and deployment</h2>
      <ProblemMessage error={error} />
      {loading && !aliases && <Loading what="aliases" />}
      {aliases && aliases.length === 0 && <Empty>No aliases yet: point <code>production</code> at a version to deploy it.</Empty>}
      {aliases && aliases.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Alias</th><th>Version</th><th>Deployed</th><th>Moved</th><th /></tr></thead>
            <tbody>
              {aliases.map((a) => (
                <tr key={a.alias}>
                  <td><code>{a.alias}</code></td>
                  <td>v{a.version}</td>
                  <td><Badge value={a.deployed ? 'deployed' : 'not_deployed'} /></td>
                  <td>{formatTime(a.updated_at)}{a.updated_by ? ` by ${a.updated_by}` : ''}</td>
                  <td><button type="button" class="link" aria-expanded={history === a.alias}
                    onClick={() => setHistory(history === a.alias ? null : a.alias)}>History</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history && <AliasHistory base={base} alias={history} />}
      <form class="inline-form" onSubmit={submit} noValidate>
        <Field id="alias-name" label="Alias" error={aliasError ?? move.error?.fieldMessage('alias')}>
          <input {...describedBy('alias-name', aliasError)} value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="alias-version" label="Version" error={move.error?.fieldMessage('version')}>
          <select {...describedBy('alias-version')} value={version} onChange={(e) => setVersion((e.target as HTMLSelectElement).value)}>
            {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
          </select>
        </Field>
        <button type="submit" disabled={move.busy || versions.length === 0}>{move.busy ? 'Deploying…' : 'Move alias (deploy)'}</button>
      </form>
      <ProblemMessage error={move.error} />
    </div>
  );
}

function AliasHistory({ base, alias }: { base: string; alias: string }) {
  const { api } = useSession();
  const events = useLoad(() => api.get<ListPage<AliasEvent>>(`${base}/aliases/${encodeURIComponent(alias)}/history?limit=50`), [base, alias]);
  return (
    <div class="history">
      <h3>History of <code>{alias}</code></h3>
      <ProblemMessage error={events.error} />
      {events.loading && !events.data && <Loading what="the history" />}
      {events.data && (
        <ol class="events">
          {events.data.data.map((event, i) => (
            <li key={i}><time>{formatTime(event.at)}</time> {event.action}
              {event.from_version != null ? ` v${event.from_version} →` : ''}{event.to_version != null ? ` v${event.to_version}` : ''}
              {event.by ? ` by ${event.by}` : ''}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
