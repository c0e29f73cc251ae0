import { fireEvent, screen } from '@testing-library/preact';
import { fakeNetwork, list, renderWithSession } from '../test/session';
import { JobPage, JobsPage } from './Jobs';

const file = { id: 'file-01', filename: 'customers.csv', columns: ['age', 'email', 'churned'], rows: 10, bytes: 100, created_at: 1 };
const job = {
  id: 'ftjob-01', model: 'tabular-classifier', created_at: 1_700_000_000, finished_at: 1_700_000_100, status: 'succeeded',
  fine_tuned_model: 'churn@2', training_file: 'file-01', validation_file: null, trained_rows: 10, error: null, seed: 1,
  suffix: 'churn', hyperparameters: {}, label_column: 'churned',
  privacy: { target_epsilon: 3, target_delta: 1e-5, max_grad_norm: 1, epsilon_spent: 2.9 },
};

describe('the fine-tuning pages', () => {
  it('lists jobs with their states', async () => {
    fakeNetwork({
      'GET /v1/fine_tuning/jobs': { body: list([job, { ...job, id: 'ftjob-02', status: 'running', fine_tuned_model: null }]) },
      'GET /v1/files': { body: list([file]) },
      'GET /v1/models': { body: list([]) },
    });
    renderWithSession(<JobsPage />);
    expect(await screen.findByText('ftjob-02')).toBeTruthy();
    expect(screen.getByText('succeeded')).toBeTruthy();
    expect(screen.getByText('running')).toBeTruthy();
  });

  it('validates the form before sending, then puts the server’s field errors on their fields', async () => {
    const sent = fakeNetwork({
      'GET /v1/fine_tuning/jobs': { body: list([]) },
      'GET /v1/files': { body: list([file]) },
      'GET /v1/models': { body: list([]) },
      'POST /v1/fine_tuning/jobs': {
        status: 409, body: { title: 'Privacy budget exceeded', status: 409, errors: [{ field: 'privacy.target_epsilon', message: 'is more than the 2 left' }] },
      },
    });
    renderWithSession(<JobsPage />);
    await screen.findByText(/No jobs yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Start job' }));
    expect(await screen.findByText('Training file is required')).toBeTruthy();
    expect(screen.getByText('Label column is required')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await screen.findAllByRole('option', { name: 'customers.csv (file-01)' });
    fireEvent.change(screen.getByLabelText('Training file'), { target: { value: 'file-01' } });
    fireEvent.change(screen.getByLabelText('Label column'), { target: { value: 'churned' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start job' }));
    expect(await screen.findByText('Target ε is more than the 2 left')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({ training_file: 'file-01', label_column: 'churned' });
  });

  it('shows a job’s curves, events and result', async () => {
    fakeNetwork({
      'GET /v1/fine_tuning/jobs/ftjob-01': { body: job },
      'GET /v1/fine_tuning/jobs/ftjob-01/events': {
        body: list([
          { id: 'ftevent-2', created_at: 2, level: 'info', type: 'metrics', message: 'Epoch 2: train_loss=0.4', data: { type: 'epoch', epoch: 2, train_loss: 0.4, valid_loss: 0.5, train_accuracy: 0.8, valid_accuracy: 0.75 } },
          { id: 'ftevent-1', created_at: 1, level: 'info', type: 'metrics', message: 'Epoch 1: train_loss=0.6', data: { type: 'epoch', epoch: 1, train_loss: 0.6, valid_loss: 0.7, train_accuracy: 0.7, valid_accuracy: 0.65 } },
        ]),
      },
    });
    renderWithSession(<JobPage id="ftjob-01" />);
    expect(await screen.findByText('Epoch 2: train_loss=0.4')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Loss per epoch: train loss 0.6, 0.4; valid loss 0.7, 0.5/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /Accuracy per epoch/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'churn@2' }).getAttribute('href')).toBe('/models/churn?version=2');
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
  });
});
