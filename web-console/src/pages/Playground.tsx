import { useMemo, useState } from 'preact/hooks';
import { describedBy, Field } from '../components/Field';
import { Empty, Loading, ProblemMessage } from '../components/Status';
import type { ListPage } from '../lib/api';
import { useAction, useLoad, useSession } from '../lib/context';
import { formatNumber } from '../lib/format';
import { classProbabilities, inferenceRequest, InputError, inputFields, type InputValues } from '../lib/inference';
import { ApiError } from '../lib/problem';
import type { InferenceResponse, ModelAlias, ModelVersion, RegisteredModel } from '../lib/types';

/** Calls a deployed model with a form built from its signature and shows the answer and the latency. */
export function PlaygroundPage() {
  const { api } = useSession();
  const models = useLoad(() => api.get<ListPage<RegisteredModel>>('/v1/models?limit=100'), []);
  const initial = new URLSearchParams(window.location.search).get('model') ?? '';
  const [model, setModel] = useState(initial);
  const chosen = model || models.data?.data[0]?.name || '';
  return (
    <section aria-labelledby="playground-title">
      <h1 id="playground-title">Playground</h1>
      <p class="lead">Calls <code>POST /v2/models/&#123;name&#125;/infer</code> (KServe v2) as a program would; each call is metered.</p>
      <ProblemMessage error={models.error} />
      {models.loading && !models.data && <Loading what="models" />}
      {models.data && models.data.data.length === 0 && <Empty>No models yet. Deploy one before calling it here.</Empty>}
      {models.data && models.data.data.length > 0 && (
        <>
          <Field id="playground-model" label="Model">
            <select {...describedBy('playground-model')} value={chosen} onChange={(e) => setModel((e.target as HTMLSelectElement).value)}>
              {models.data.data.map((m) => <option key={m.id} value={m.name}>{m.name}</option>)}
            </select>
          </Field>
          {chosen && <ModelCall key={chosen} name={chosen} />}
        </>
      )}
    </section>
  );
}

function ModelCall({ name }: { name: string }) {
  const { api } = useSession();
  const base = `/v1/models/${encodeURIComponent(name)}`;
  const versions = useLoad(() => api.get<ListPage<ModelVersion>>(`${base}/versions?limit=100`), [name]);
  const aliases = useLoad(() => api.get<ListPage<ModelAlias>>(`${base}/aliases`), [name]);
  const [reference, setReference] = useState('');
  const [values, setValues] = useState<InputValues>({});
  const [inputError, setInputError] = useState<InputError | null>(null);
  const [answer, setAnswer] = useState<{ response: InferenceResponse; millis: number } | null>(null);
  const [latencies, setLatencies] = useState<number[]>([]);

  const references = useMemo(() => [
    ...(aliases.data?.data ?? []).map((a) => ({ ref: `${name}@${a.alias}`, version: a.version, label: `${a.alias} (v${a.version})` })),
    ...(versions.data?.data ?? []).map((v) => ({ ref: `${name}@${v.version}`, version: v.version, label: `version ${v.version}` })),
  ], [aliases.data, versions.data, name]);
  const selected = references.find((r) => r.ref === reference) ?? references[0];
  const version = versions.data?.data.find((v) => v.version === selected?.version);
  const fields = version ? inputFields(version.signature) : [];

  const call = useAction(async () => {
    const request = inferenceRequest(fields, values);
    const result = await api.timed<InferenceResponse>('POST', `/v2/models/${encodeURIComponent(selected.ref)}/infer`, request);
    setAnswer({ response: result.value, millis: result.millis });
    setLatencies((held) => [...held.slice(-19), result.millis]);
  });
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      inferenceRequest(fields, values);
      setInputError(null);
      void call.run();
    } catch (reason) {
      if (reason instanceof InputError) setInputError(reason);
      else throw reason;
    }
  };

  if ((versions.loading && !versions.data) || (aliases.loading && !aliases.data)) return <Loading what="the model's signature" />;
  if (versions.error) return <ProblemMessage error={versions.error} />;
  if (!selected || !version) return <Empty>This model has no versions to call.</Empty>;
  const probabilities = answer ? classProbabilities(answer.response, version.signature.class_labels) : [];
  const sorted = [...latencies].sort((a, b) => a - b);
  return (
    <div class="grid-2">
      <form class="card" onSubmit={submit} noValidate>
        <h2>Input</h2>
        <Field id="playground-ref" label="Alias or version">
          <select {...describedBy('playground-ref')} value={selected.ref} onChange={(e) => setReference((e.target as HTMLSelectElement).value)}>
            {references.map((r) => <option key={r.ref} value={r.ref}>{r.label}</option>)}
          </select>
        </Field>
        {fields.map((field) => field.features ? (
          <fieldset key={field.tensor}>
            <legend>{field.tensor} ({field.datatype})</legend>
            <div class="row">
              {field.features.map((feature, i) => {
                const id = `input-${field.tensor}-${feature}`.replace(/[^A-Za-z0-9_-]/g, '_');
                const error = inputError?.field === feature ? inputError.reason : undefined;
                const value = (values[field.tensor] as Record<string, string> | undefined)?.[feature] ?? '';
                const update = (e: Event) => setValues({
                  ...values,
                  [field.tensor]: { ...(values[field.tensor] as Record<string, string> ?? {}), [feature]: (e.target as HTMLInputElement).value },
                });
                return (
                  <Field key={feature} id={id} label={feature} error={error}>
                    {field.choices ? (
                      <select {...describedBy(id, error)} value={value} onChange={update}>
                        <option value="">Choose</option>
                        {field.choices[i].map((choice) => <option key={choice} value={choice}>{choice}</option>)}
                      </select>
                    ) : (
                      <input {...describedBy(id, error)} type="number" step="any" inputMode="decimal" value={value} onInput={update} />
                    )}
                  </Field>
                );
              })}
            </div>
          </fieldset>
        ) : (
          <Field key={field.tensor} id={`input-${field.tensor}`} label={`${field.tensor} (${field.datatype}, JSON array)`}
            error={inputError?.field === field.tensor ? inputError.reason : undefined}>
            <textarea {...describedBy(`input-${field.tensor}`)} rows={4} value={(values[field.tensor] as string) ?? ''}
              onInput={(e) => setValues({ ...values, [field.tensor]: (e.target as HTMLTextAreaElement).value })} />
          </Field>
        ))}
        <ProblemMessage error={call.error instanceof ApiError ? call.error : null} />
        <button type="submit" disabled={call.busy}>{call.busy ? 'Calling…' : 'Run inference'}</button>
      </form>
      <div class="card" aria-live="polite">
        <h2>Result</h2>
        {!answer && <Empty>Fill in the inputs and run the model.</Empty>}
        {answer && (
          <>
            <p data-testid="latency">Answered by <strong>{answer.response.model_name}</strong> version {answer.response.model_version} in{' '}
              <strong>{formatNumber(answer.millis, 3)} ms</strong>.
              {sorted.length > 1 && ` Over ${sorted.length} calls: p50 ${formatNumber(sorted[Math.floor((sorted.length - 1) / 2)], 3)} ms.`}</p>
            {probabilities.length > 0 && (
              <table>
                <caption>Class probabilities</caption>
                <thead><tr><th>Class</th><th>Probability</th></tr></thead>
                <tbody>
                  {probabilities.map((p) => (
                    <tr key={p.label}><td>{p.label}</td><td>
                      <meter min={0} max={1} value={p.probability} aria-label={`Probability of ${p.label}`} /> {formatNumber(p.probability, 3)}
                    </td></tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>Outputs</h3>
            <pre class="json">{JSON.stringify(answer.response.outputs, null, 2)}</pre>
          </>
        )}
      </div>
    </div>
  );
}
