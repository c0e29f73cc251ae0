import { useRef, useState } from 'preact/hooks';
import { BudgetGauge } from '../components/Charts';
import { describedBy, Field } from '../components/Field';
import { Link } from '../components/Link';
import { Empty, Loading, ProblemMessage, ProgressBar } from '../components/Status';
import type { ListPage, UploadProgress } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatBytes, formatNumber, formatTime } from '../lib/format';
import { navigate } from '../lib/router';
import type { Budget, DataFile } from '../lib/types';
import { PoliciesCard, type Policy } from './Policies';

/** Datasets: upload (anonymized on the way in), list, and the tenant's privacy budget. */
export function DatasetsPage() {
  const { api } = useSession();
  const files = useLoad(() => api.get<ListPage<DataFile>>('/v1/files?limit=100'), []);
  const budget = useLoad(() => api.get<Budget>('/v1/privacy/budget'), []);
  const policies = useLoad(() => api.get<ListPage<Policy>>('/v1/privacy/policies?limit=100'), []);
  const [policy, setPolicy] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const upload = useAction(async (file: File) => {
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    // The policy anonymizes the file as it streams in, so it goes before the file.
    if (policy) form.append('policy', policy);
    form.append('file', file, file.name);
    setProgress({ loaded: 0, total: file.size });
    try {
      const stored = await api.upload<DataFile>('/v1/files', form, setProgress);
      navigate(`/datasets/${encodeURIComponent(stored.id)}`);
    } finally {
      setProgress(null);
    }
  });

  const submit = (event: Event) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setFileError('is required: choose a .csv or .jsonl file');
      return;
    }
    if (!/\.(csv|jsonl)$/i.test(file.name)) {
      setFileError('must be a .csv or .jsonl file');
      return;
    }
    setFileError(undefined);
    void upload.run(file);
  };

  return (
    <section aria-labelledby="datasets-title">
      <h1 id="datasets-title">Datasets</h1>
      <p class="lead">Uploads are checked line by line and anonymized while they stream in: personal data never reaches disk.</p>
      <div class="grid-2">
        <form class="card" onSubmit={submit} noValidate>
          <h2>Upload a dataset</h2>
          <Field id="dataset-file" label="File" error={fileError ?? upload.error?.fieldMessage('file')}
            hint="CSV with a header row, or JSON Lines">
            <input {...describedBy('dataset-file', fileError, 'CSV with a header row, or JSON Lines')} ref={input}
              type="file" accept=".csv,.jsonl" />
          </Field>
          <Field id="dataset-policy" label="Anonymization policy" error={upload.error?.fieldMessage('policy')}>
            <select {...describedBy('dataset-policy')} value={policy} onChange={(e) => setPolicy((e.target as HTMLSelectElement).value)}>
              <option value="">Platform default</option>
              {policies.data?.data.map((p) => <option key={p.id} value={p.id}>{p.name} (v{p.version})</option>)}
            </select>
          </Field>
          {progress && <ProgressBar value={progress.loaded} max={progress.total} label="Upload progress" />}
          <ProblemMessage error={upload.error} />
          <button type="submit" disabled={upload.busy}>{upload.busy ? 'Uploading…' : 'Upload'}</button>
        </form>
        <div class="card">
          <h2>Tenant privacy budget</h2>
          <ProblemMessage error={budget.error} />
          {budget.loading && !budget.data && <Loading what="the budget" />}
          {budget.data && (
            <>
              <BudgetGauge label="ε (epsilon)" {...budget.data.epsilon} />
              <BudgetGauge label="δ (delta)" {...budget.data.delta} />
            </>
          )}
        </div>
      </div>

      <PoliciesCard policies={policies} onSaved={policies.reload} />

      <h2>Files</h2>
      <ProblemMessage error={files.error} />
      {files.loading && !files.data && <Loading what="datasets" />}
      {files.data && files.data.data.length === 0 && <Empty>No datasets yet. Upload a CSV or JSONL file to start.</Empty>}
      {files.data && files.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>File</th><th>Rows</th><th>Size</th><th>PII replaced</th><th>Uploaded</th></tr></thead>
            <tbody>
              {files.data.data.map((file) => (
                <tr key={file.id}>
                  <td><Link href={`/datasets/${encodeURIComponent(file.id)}`}>{file.filename}</Link>
                    <div class="muted small">{file.id}{file.anonymization ? ` · k = ${file.anonymization.k}` : ''}</div></td>
                  <td>{formatNumber(file.rows)}</td>
                  <td>{formatBytes(file.bytes)}</td>
                  <td>{formatNumber(file.pii_report?.total ?? 0)}</td>
                  <td>{formatTime(file.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const QI_TYPES = ['number', 'date', 'postal_code', 'category'];

/** One dataset: its PII report, k-anonymity report, privacy budget and the k-anonymization policy form. */
export function DatasetPage({ id }: { id: string }) {
  const { api, me } = useSession();
  const path = `/v1/files/${encodeURIComponent(id)}`;
  const file = useLoad(() => api.get<DataFile>(path), [id]);
  const budget = useLoad(() => api.get<Budget>(`${path}/budget`), [id]);
  const remove = useAction(async () => {
    await api.delete(path);
    navigate('/datasets');
  });

  if (file.loading && !file.data) return <Loading what="the dataset" />;
  if (!file.data) return <ProblemMessage error={file.error} />;
  const data = file.data;
  const report = data.pii_report;
  return (
    <section aria-labelledby="dataset-title">
      <p class="crumbs"><Link href="/datasets">Datasets</Link> /</p>
      <h1 id="dataset-title">{data.filename}</h1>
      <dl class="facts">
        <div><dt>ID</dt><dd><code>{data.id}</code></dd></div>
        <div><dt>Rows</dt><dd>{formatNumber(data.rows)}</dd></div>
        <div><dt>Size</dt><dd>{formatBytes(data.bytes)}</dd></div>
        <div><dt>Format</dt><dd>{data.format}</dd></div>
        <div><dt>Uploaded</dt><dd>{formatTime(data.created_at)}</dd></div>
        <div class="wide"><dt>Columns</dt><dd>{data.columns.join(', ')}</dd></div>
        <div><dt>Anonymization policy</dt><dd>{data.policy ? <code>{data.policy.id} v{data.policy.version}</code> : 'the platform default'}</dd></div>
      </dl>
      <div class="grid-2">
        <div class="card">
          <h2>PII report</h2>
          {!report || report.total === 0 ? <Empty>No personal data was found in this file.</Empty> : (
            <>
              <p><strong>{formatNumber(report.total)}</strong> values replaced in <strong>{formatNumber(report.rows_with_pii)}</strong> rows.</p>
              <div class="table-wrap">
                <table>
                  <caption>Replaced values by kind</caption>
                  <thead><tr><th>Kind</th><th>Count</th><th>Operator</th></tr></thead>
                  <tbody>
                    {Object.entries(report.by_type).map(([kind, count]) => (
                      <tr key={kind}><td>{kind}</td><td>{formatNumber(count)}</td><td>{report.operators_by_type?.[kind] ?? '—'}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div class="table-wrap">
                <table>
                  <caption>By column</caption>
                  <thead><tr><th>Column</th><th>Kinds</th><th>Treated as</th></tr></thead>
                  <tbody>
                    {Object.entries(report.by_column).map(([column, kinds]) => (
                      <tr key={column}>
                        <td>{column}</td>
                        <td>{Object.entries(kinds).map(([kind, count]) => `${kind} ${count}`).join(', ')}</td>
                        <td>{[report.classified_columns?.[column], report.operators_by_column?.[column]].filter(Boolean).join(', ') || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
        <div class="card">
          <h2>Privacy budget</h2>
          <ProblemMessage error={budget.error} />
          {budget.loading && !budget.data && <Loading what="the budget" />}
          {budget.data && (
            <>
              <BudgetGauge label="This file: ε" {...budget.data.epsilon} />
              <BudgetGauge label="This file: δ" {...budget.data.delta} />
              {budget.data.tenant && <BudgetGauge label="Tenant: ε" {...budget.data.tenant.epsilon} />}
              {me.roles.includes('tenant-admin') && <BudgetLimits path={`${path}/budget`} budget={budget.data} onSaved={budget.reload} />}
            </>
          )}
        </div>
      </div>
      {data.anonymization && (
        <div class="card">
          <h2>k-anonymity</h2>
          <p>Made from <Link href={`/datasets/${encodeURIComponent(data.anonymization.derived_from)}`}>{data.anonymization.derived_from}</Link> with
            k = {data.anonymization.k}{data.anonymization.l ? `, l = ${data.anonymization.l}` : ''};
            {' '}{formatNumber(data.anonymization.suppressed_rows)} rows suppressed, information loss {formatNumber(data.anonymization.information_loss, 3)}.</p>
          <table>
            <thead><tr><th /><th>Highest risk</th><th>Average risk</th><th>Records at risk</th></tr></thead>
            <tbody>
              {([['Before', data.anonymization.risk_before], ['After', data.anonymization.risk_after]] as const).map(([when, risk]) => (
                <tr key={when}><th scope="row">{when}</th><td>{formatNumber(risk.highest, 3)}</td><td>{formatNumber(risk.average, 3)}</td>
                  <td>{formatNumber(risk.records_at_risk * 100, 3)} %</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AnonymizeForm file={data} />
      <div class="actions">
        <ProblemMessage error={remove.error} />
        <button type="button" class="danger" disabled={remove.busy} onClick={() => {
          if (window.confirm(`Delete ${data.filename}? Jobs that used it keep their models.`)) void remove.run();
        }}>Delete dataset</button>
      </div>
    </section>
  );
}

function BudgetLimits({ path, budget, onSaved }: { path: string; budget: Budget; onSaved: () => void }) {
  const { api } = useSession();
  const [epsilon, setEpsilon] = useState(String(budget.epsilon.total));
  const save = useAction(async () => {
    await api.put(path, { epsilon_total: Number(epsilon) });
    onSaved();
  });
  return (
    <form class="inline-form" onSubmit={(event) => { event.preventDefault(); void save.run(); }}>
      <Field id="budget-epsilon" label="ε total for this file" error={save.error?.fieldMessage('epsilon_total')}>
        <input {...describedBy('budget-epsilon')} type="number" step="any" min="0" value={epsilon}
          onInput={(e) => setEpsilon((e.target as HTMLInputElement).value)} />
      </Field>
      <button type="submit" class="secondary" disabled={save.busy}>Set limit</button>
      <ProblemMessage error={save.error} />
    </form>
  );
}

function AnonymizeForm({ file }: { file: DataFile }) {
  const { api } = useSession();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [k, setK] = useState('5');
  const [suppression, setSuppression] = useState('0.05');
  const [sensitive, setSensitive] = useState('');
  const [l, setL] = useState('2');
  const [problem, setProblem] = useState<string | undefined>();
  const anonymize = useAction(async () => {
    const body: Record<string, unknown> = {
      quasi_identifiers: Object.entries(chosen).map(([column, type]) => ({ column, type })),
      k: Number(k),
      suppression_limit: Number(suppression),
    };
    if (sensitive) {
      body.sensitive_column = sensitive;
      body.l = Number(l);
    }
    const made = await api.post<DataFile>(`/v1/files/${encodeURIComponent(file.id)}/anonymize`, body);
    navigate(`/datasets/${encodeURIComponent(made.id)}`);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    if (Object.keys(chosen).length === 0) {
      setProblem('Choose at least one quasi-identifier column');
      return;
    }
    setProblem(undefined);
    void anonymize.run();
  };
  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>Anonymization policy: k-anonymity</h2>
      <p class="muted">Generalizes the chosen quasi-identifiers until every record shares them with at least k − 1 others; the result is a new file.</p>
      <fieldset>
        <legend>Quasi-identifiers</legend>
        <div class="qi-grid">
          {file.columns.map((column) => (
            <div key={column} class="qi">
              <label class="check">
                <input type="checkbox" checked={column in chosen} onChange={() => {
                  const next = { ...chosen };
                  if (column in next) delete next[column]; else next[column] = 'number';
                  setChosen(next);
                }} /> {column}
              </label>
              {column in chosen && (
                <select aria-label={`Type of ${column}`} value={chosen[column]}
                  onChange={(e) => setChosen({ ...chosen, [column]: (e.target as HTMLSelectElement).value })}>
                  {QI_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
                </select>
              )}
            </div>
          ))}
        </div>
      </fieldset>
      <div class="row">
        <Field id="kanon-k" label="k" error={anonymize.error?.fieldMessage('k')}>
          <input {...describedBy('kanon-k')} type="number" min={2} value={k} onInput={(e) => setK((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="kanon-suppression" label="Suppression limit" error={anonymize.error?.fieldMessage('suppression_limit')}>
          <input {...describedBy('kanon-suppression')} type="number" step="0.01" min={0} max={1} value={suppression}
            onInput={(e) => setSuppression((e.target as HTMLInputElement).value)} />
        </Field>
        <Field id="kanon-sensitive" label="Sensitive column (l-diversity)" error={anonymize.error?.fieldMessage('sensitive_column')}>
          <select {...describedBy('kanon-sensitive')} value={sensitive} onChange={(e) => setSensitive((e.target as HTMLSelectElement).value)}>
            <option value="">none</option>
            {file.columns.map((column) => <option key={column} value={column}>{column}</option>)}
          </select>
        </Field>
        {sensitive && (
          <Field id="kanon-l" label="l" error={anonymize.error?.fieldMessage('l')}>
            <input {...describedBy('kanon-l')} type="number" min={2} value={l} onInput={(e) => setL((e.target as HTMLInputElement).value)} />
          </Field>
        )}
      </div>
      {problem && <p class="field-error" role="alert">{problem}</p>}
      <ProblemMessage error={anonymize.error} />
      <button type="submit" disabled={anonymize.busy}>{anonymize.busy ? 'Anonymizing…' : 'Make a k-anonymous copy'}</button>
    </form>
  );
}
