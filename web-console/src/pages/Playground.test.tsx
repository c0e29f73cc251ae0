import { fireEvent, screen } from '@testing-library/preact';
import { fakeNetwork, list, renderWithSession } from '../test/session';
import { PlaygroundPage } from './Playground';

const version = {
  id: 'mv-1', model: 'churn', version: 1, artifact_sha256: 'ab', artifact_size: 10, format: 'onnx', aliases: ['production'], created_at: 1,
  signature: {
    inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 2] }, { name: 'categories', datatype: 'BYTES', shape: [-1, 1] }],
    outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 2] }, { name: 'label', datatype: 'BYTES', shape: [-1, 1] }],
    feature_names: ['age', 'tenure_months'],
    categorical_columns: [{ name: 'plan', vocabulary: ['basic', 'pro'] }],
    class_labels: ['no', 'yes'],
  },
};

describe('the playground', () => {
  it('builds the form from the signature, calls the model and shows the answer with its latency', async () => {
    const sent = fakeNetwork({
      'GET /v1/models': { body: list([{ id: 'rm-1', name: 'churn', created_at: 1, updated_at: 1 }]) },
      'GET /v1/models/churn/versions': { body: list([version]) },
      'GET /v1/models/churn/aliases': { body: list([{ alias: 'production', model: 'churn', version: 1, deployed: true, updated_at: 1 }]) },
      'POST /v2/models/churn%40production/infer': {
        body: { model_name: 'churn@production', model_version: '1', outputs: [
          { name: 'probabilities', datatype: 'FP32', shape: [1, 2], data: [0.2, 0.8] },
          { name: 'label', datatype: 'BYTES', shape: [1, 1], data: ['yes'] }] },
      },
    });
    renderWithSession(<PlaygroundPage />);
    fireEvent.input(await screen.findByLabelText('age'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run inference' }));
    expect(await screen.findByText('tenure_months must be a number')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('tenure_months'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('plan'), { target: { value: 'pro' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run inference' }));
    expect((await screen.findByTestId('latency')).textContent).toMatch(/Answered by churn@production version 1 in [\d.]+ ms/);
    expect(screen.getByLabelText('Probability of yes').getAttribute('value')).toBe('0.8');
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ inputs: [
      { name: 'features', datatype: 'FP32', shape: [1, 2], data: [30, 3] },
      { name: 'categories', datatype: 'BYTES', shape: [1, 1], data: ['pro'] },
    ] });
  });
});
