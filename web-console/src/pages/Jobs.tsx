import { useEffect, useState } from 'preact/hooks';
import { LineChart } from '../components/Charts';
import { describedBy, Field } from '../components/Field';
import { Link } from '../components/Link';
import { Badge, Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatNumber, formatTime } from '../lib/format';
import { EMPTY_JOB_FORM, formFieldOf, jobRequest, type JobForm, type JobFormErrors, validateJobForm } from '../lib/jobForm';
import { epochCurve, mergeEvents } from '../lib/metrics';
import { navigate } from '../lib/router';
import type { DataFile, FineTuningJob, JobEvent, RegisteredModel } from '../lib/types';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const POLL_MS = 2000;

/** Fine-tuning jobs: the create form and the list with states. */
export function JobsPage() {
  const { api } = useSession();
  const jobs = useLoad(() => api.get<ListPage<FineTuningJob>>('/v1/fine_tuning/jobs?limit=100'), []);
  useEffect(() => {
    if (!jobs.data?.data.some((job) => !TERMINAL.has(job.status))) return undefined;
    const timer = window.setInterval(jobs.reload, POLL_MS * 2);
    return () => window.clearInterval(timer);
  }, [jobs.data]);
  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Fine-tuning jobs</h1>
      <JobCreateForm />
      <h2>Jobs</h2>
      <ProblemMessage error={jobs.error} />
      {jobs.loading && !jobs.data && <Loading what="jobs" />}
      {jobs.data && jobs.data.data.length === 0 && <Empty>No jobs yet. Upload a dataset, then start a job above.</Empty>}
      {jobs.data && jobs.data.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead><tr><th>Job</th><th>State</th><th>Base model</th><th>Result</th><th>ε target</th><th>Created</th></tr></thead>
            <tbody>
              {jobs.data.data.map((job) => (
                <tr key={job.id}>
                  <td><Link href={`/jobs/${encodeURIComponent(job.id)}`}>{job.id}</Link></td>
                  <td><Badge value={job.status} /></td>
                  <td>{job.model}</td>
                  <td>{job.fine_tuned_model ?? '—'}</td>
                  <td>{job.privacy ? formatNumber(job.privacy.target_epsilon) : 'none'}</td>
                  <td>{formatTime(job.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function JobCreateForm() {
  const { api } = useSession();
  const files = useLoad(() => api.get<ListPage<DataFile>>('/v1/files?limit=100'), []);
  const models = useLoad(() => api.get<ListPage<RegisteredModel>>('/v1/models?limit=100'), []);
  const [form, setForm] = useState<JobForm>(EMPTY_JOB_FORM);
  const [errors, setErrors] = useState<JobFormErrors>({});
  const create = useAction(async (body: Record<string, unknown>) => {
    const job = await api.post<FineTuningJob>('/v1/fine_tuning/jobs', body);
    navigate(`/jobs/${encodeURIComponent(job.id)}`);
  });
  const clearError = (key: keyof JobForm) => {
    if (errors[key]) {
      const { [key]: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };
  const set = (key: keyof JobForm) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setForm({ ...form, [key]: target.type === 'checkbox' ? target.checked : target.value });
    clearError(key);
  };
  const trainingFile = files.data?.data.find((file) => file.id === form.training_file);
  const serverErrors: JobFormErrors = {};
  for (const fieldError of create.error?.problem.errors ?? []) {
    const field = fieldError.field ? formFieldOf(fieldError.field) : undefined;
    if (field) serverErrors[field] = fieldError.message;
  }
  const errorOf = (key: keyof JobForm) => errors[key] ?? serverErrors[key];
  const submit = (event: Event) => {
    event.preventDefault();
    const found = validateJobForm(form);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      void create.run(jobRequest(form));
    } else {
      document.getElementById(`job-${Object.keys(found)[0]}`)?.focus();
    }
  };
  const text = (key: keyof JobForm, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field id={`job-${key}`} label={label} error={errorOf(key)} hint={hint}>
      <input {...describedBy(`job-${key}`, errorOf(key), hint)} {...props} value={form[key] as string} onInput={set(key)} />
    </Field>
  );
  const unplacedErrors = create.error?.problem.errors.filter((e) => !e.field || !formFieldOf(e.field));
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="job-form-title">
      <h2 id="job-form-title">New fine-tuning job</h2>
      <div class="row">
        {text('model', 'Base model', { list: 'job-models' }, 'tabular-classifier trains from scratch; name@version continues a model')}
        <datalist id="job-models">
          <option value="tabular-classifier" />
          {models.data?.data.map((model) => <option key={model.id} value={model.name} />)}
        </datalist>
        <Field id="job-training_file" label="Training file" error={errorOf('training_file')}>
          <select {...describedBy('job-training_file', errorOf('training_file'))} value={form.training_file}
            onChange={(e) => {
              const id = (e.target as HTMLSelectElement).value;
              const file = files.data?.data.find((f) => f.id === id);
              setForm({ ...form, training_file: id, label_column: file?.columns.includes(form.label_column) ? form.label_column : '' });
              clearError('training_file');
            }}>
            <option value="">Choose a dataset</option>
            {files.data?.data.map((file) => <option key={file.id} value={file.id}>{file.filename} ({file.id})</option>)}
          </select>
        </Field>
        <Field id="job-label_column" label="Label column" error={errorOf('label_column')}>
          <select {...describedBy('job-label_column', errorOf('label_column'))} value={form.label_column} onChange={set('label_column')}>
            <option value="">{trainingFile ? 'Choose the column to predict' : 'Choose a training file first'}</option>
            {trainingFile?.columns.map((column) => <option key={column} value={column}>{column}</option>)}
          </select>
        </Field>
        <Field id="job-validation_file" label="Validation file (optional)" error={errorOf('validation_file')}>
          <select {...describedBy('job-validation_file', errorOf('validation_file'))} value={form.validation_file} onChange={set('validation_file')}>
            <option value="">Hold out 10 % of the training rows</option>
            {files.data?.data.map((file) => <option key={file.id} value={file.id}>{file.filename} ({file.id})</option>)}
          </select>
        </Field>
        {text('suffix', 'Model name (suffix)', { maxLength: 40 }, 'The registered model the result goes to')}
        {text('seed', 'Seed', { type: 'number', min: 0 })}
      </div>
      <fieldset>
        <legend>Hyperparameters</legend>
        <div class="row">
          {text('n_epochs', 'Epochs', { type: 'number', min: 1, max: 100 })}
          {text('batch_size', 'Batch size', { type: 'number', min: 1, max: 4096 })}
          {text('learning_rate_multiplier', 'Learning rate multiplier', { type: 'number', step: 'any', min: 0 })}
          <Field id="job-optimizer" label="Optimizer" error={errorOf('optimizer')}>
            <select {...describedBy('job-optimizer')} value={form.optimizer} onChange={set('optimizer')}>
              <option value="sgd">SGD</option><option value="adam">Adam</option>
            </select>
          </Field>
          <Field id="job-lr_schedule" label="Schedule" error={errorOf('lr_schedule')}>
            <select {...describedBy('job-lr_schedule')} value={form.lr_schedule} onChange={set('lr_schedule')}>
              <option value="constant">constant</option><option value="cosine">cosine</option>
            </select>
          </Field>
          <Field id="job-method_type" label="Model type" error={errorOf('method_type')}>
            <select {...describedBy('job-method_type')} value={form.method_type} onChange={set('method_type')}>
              <option value="logistic_regression">logistic regression</option><option value="mlp">MLP</option>
            </select>
          </Field>
          {form.method_type === 'mlp' && text('hidden_layers', 'Hidden layers', {}, 'Sizes separated by commas, e.g. 32, 16')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Differential privacy</legend>
        <label class="check"><input type="checkbox" checked={form.private} onChange={set('private')} /> Train with DP-SGD (spends the file's privacy budget)</label>
        {form.private && (
          <div class="row">
            {text('target_epsilon', 'Target ε', { type: 'number', step: 'any', min: 0 })}
            {text('target_delta', 'Target δ', { type: 'number', step: 'any', min: 0, max: 1 })}
            {text('max_grad_norm', 'Clipping norm', { type: 'number', step: 'any', min: 0 })}
          </div>
        )}
      </fieldset>
      {create.error && (unplacedErrors?.length || create.error.problem.errors.length === 0) ? (
        <ProblemMessage error={create.error} />
      ) : create.error ? <p class="field-error" role="alert">{create.error.problem.title}: see the fields marked above.</p> : null}
      <button type="submit" disabled={create.busy}>{create.busy ? 'Starting…' : 'Start job'}</button>
    </form>
  );
}

/** One job: its state, figures and live events, its loss and accuracy curves, and cancel. */
export function JobPage({ id }: { id: string }) {
  const { api } = useSession();
  const path = `/v1/fine_tuning/jobs/${encodeURIComponent(id)}`;
  const job = useLoad(() => api.get<FineTuningJob>(path), [id]);
  const [events, setEvents] = useState<JobEvent[]>([]);
  const [eventsError, setEventsError] = useState<unknown>(null);
  const cancel = useAction(async () => {
    await api.post(`${path}/cancel`);
    job.reload();
  });
  const running = job.data ? !TERMINAL.has(job.data.status) : true;

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      try {
        const page = await api.get<ListPage<JobEvent>>(`${path}/events?limit=100`);
        if (!stopped) {
          setEvents((held) => mergeEvents(held, page.data));
          setEventsError(null);
        }
      } catch (reason) {
        if (!stopped) setEventsError(reason);
      }
      if (!stopped && running) {
        job.reload();
        timer = window.setTimeout(poll, POLL_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [id, running]);

  if (job.loading && !job.data) return <Loading what="the job" />;
  if (!job.data) return <ProblemMessage error={job.error} />;
  const data = job.data;
  const curve = epochCurve(events);
  const series = (keys: (keyof typeof curve[number])[]) => keys
    .map((key) => ({ name: key.replace('_', ' '), points: curve.filter((p) => p[key] != null).map((p) => ({ x: p.epoch, y: p[key] as number })) }))
    .filter((line) => line.points.length > 0);
  const [modelName, modelVersion] = (data.fine_tuned_model ?? '').split('@');
  return (
    <section aria-labelledby="job-title">
      <p class="crumbs"><Link href="/jobs">Fine-tuning jobs</Link> /</p>
      <h1 id="job-title">{data.id} <Badge value={data.status} /></h1>
      <dl class="facts">
        <div><dt>Base model</dt><dd>{data.model}</dd></div>
        <div><dt>Training file</dt><dd><Link href={`/datasets/${encodeURIComponent(data.training_file)}`}>{data.training_file}</Link></dd></div>
        <div><dt>Label column</dt><dd>{data.label_column}</dd></div>
        <div><dt>Created</dt><dd>{formatTime(data.created_at)}</dd></div>
        <div><dt>Finished</dt><dd>{formatTime(data.finished_at)}</dd></div>
        <div><dt>Rows trained</dt><dd>{formatNumber(data.trained_rows)}</dd></div>
        <div><dt>Privacy</dt><dd>{data.privacy ? `ε ${formatNumber(data.privacy.target_epsilon)} target, δ ${data.privacy.target_delta}${data.privacy.epsilon_spent != null ? `, ε ${formatNumber(data.privacy.epsilon_spent)} spent` : ''}` : 'none'}</dd></div>
        <div><dt>Result</dt><dd>{data.fine_tuned_model
          ? <Link href={`/models/${encodeURIComponent(modelName)}?version=${modelVersion}`}>{data.fine_tuned_model}</Link> : '—'}</dd></div>
      </dl>
      {data.error && <div class="problem" role="alert"><strong>{data.error.code}</strong><p>{data.error.message}{data.error.param ? ` (${data.error.param})` : ''}</p></div>}
      {running && (
        <div class="actions">
          <ProblemMessage error={cancel.error} />
          <button type="button" class="danger" disabled={cancel.busy} onClick={() => void cancel.run()}>Cancel job</button>
        </div>
      )}
      <div class="grid-2">
        {curve.length > 0 ? (
          <>
            <LineChart title="Loss per epoch" xLabel="epoch" series={series(['train_loss', 'valid_loss'])} />
            <LineChart title="Accuracy per epoch" xLabel="epoch" series={series(['train_accuracy', 'valid_accuracy'])} />
            {curve.some((p) => p.epsilon != null) && <LineChart title="Privacy spent (ε) per epoch" xLabel="epoch" series={series(['epsilon'])} />}
          </>
        ) : <Empty>{running ? 'Curves appear after the first epoch.' : 'This job reported no epochs.'}</Empty>}
      </div>
      <h2>Events {running && <span class="live" aria-hidden="true">live</span>}</h2>
      {eventsError != null && <p class="field-error">The events could not be read; retrying.</p>}
      {events.length === 0 ? <Loading what="events" /> : (
        <ol class="events" aria-live="polite">
          {[...events].reverse().map((event) => (
            <li key={event.id} class={`event event-${event.level}`}>
              <time>{formatTime(event.created_at, true)}</time> <span>{event.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

