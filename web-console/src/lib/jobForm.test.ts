import { EMPTY_JOB_FORM, formFieldOf, jobRequest, validateJobForm } from './jobForm';

const filled = { ...EMPTY_JOB_FORM, training_file: 'file-01HX', label_column: 'churned' };

describe('the fine-tuning form', () => {
  it('asks for the training file and the label column first', () => {
    expect(validateJobForm(EMPTY_JOB_FORM)).toEqual({ training_file: 'is required', label_column: 'is required' });
    expect(validateJobForm(filled)).toEqual({});
  });

  it('applies the orchestrator rules to each field', () => {
    const errors = validateJobForm({
      ...filled, model: 'not a model!', n_epochs: '0', batch_size: '5000', learning_rate_multiplier: '11',
      suffix: 'Churn', seed: '-1', target_epsilon: '0', target_delta: '1', max_grad_norm: 'x',
      validation_file: 'file-01HX', method_type: 'mlp', hidden_layers: '32, 0',
    });
    expect(Object.keys(errors).sort()).toEqual(['batch_size', 'hidden_layers', 'learning_rate_multiplier', 'max_grad_norm',
      'model', 'n_epochs', 'seed', 'suffix', 'target_delta', 'target_epsilon', 'validation_file']);
  });

  it('leaves the privacy figures alone when training without differential privacy', () => {
    expect(validateJobForm({ ...filled, private: false, target_epsilon: '' })).toEqual({});
    expect(jobRequest({ ...filled, private: false })).not.toHaveProperty('privacy');
  });

  it('sends the OpenAI-shaped body with hyperparameters, method and privacy', () => {
    expect(jobRequest({ ...filled, suffix: 'churn', seed: '42', n_epochs: '8', batch_size: '64', method_type: 'mlp', hidden_layers: '32,16' }))
      .toEqual({
        model: 'tabular-classifier', training_file: 'file-01HX', label_column: 'churned', suffix: 'churn', seed: 42,
        hyperparameters: { n_epochs: 8, batch_size: 64, learning_rate_multiplier: 1, optimizer: 'sgd', lr_schedule: 'constant' },
        method: { type: 'mlp', hidden_layers: [32, 16] },
        privacy: { target_epsilon: 3, target_delta: 0.00001, max_grad_norm: 1 },
      });
  });

  it('maps the server field names back onto the form', () => {
    expect(formFieldOf('hyperparameters.n_epochs')).toBe('n_epochs');
    expect(formFieldOf('privacy.target_epsilon')).toBe('target_epsilon');
    expect(formFieldOf('training_file')).toBe('training_file');
    expect(formFieldOf('unknown')).toBeUndefined();
  });
});
