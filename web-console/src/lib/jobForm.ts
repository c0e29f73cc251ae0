/**
 * The fine-tuning form: what a person types, checked before sending with the same rules the
 * orchestrator applies, and turned into the OpenAI-shaped request body. Field keys are the API's
 * names, so the server's field errors land on the same inputs.
 */
export interface JobForm {
  model: string;
  training_file: string;
  validation_file: string;
  label_column: string;
  suffix: string;
  seed: string;
  n_epochs: string;
  batch_size: string;
  learning_rate_multiplier: string;
  optimizer: string;
  lr_schedule: string;
  method_type: string;
  hidden_layers: string;
  private: boolean;
  target_epsilon: string;
  target_delta: string;
  max_grad_norm: string;
}

export const FROM_SCRATCH = 'tabular-classifier';

export const EMPTY_JOB_FORM: JobForm = {
  model: FROM_SCRATCH,
  training_file: '',
  validation_file: '',
  label_column: '',
  suffix: '',
  seed: '',
  n_epochs: '5',
  batch_size: '32',
  learning_rate_multiplier: '1.0',
  optimizer: 'sgd',
  lr_schedule: 'constant',
  method_type: 'logistic_regression',
  hidden_layers: '32, 16',
  private: true,
  target_epsilon: '3',
  target_delta: '0.00001',
  max_grad_norm: '1.0',
};

/** Form field → the API field its errors are reported under. */
export const API_FIELDS: Record<string, string> = {
  model: 'model',
  training_file: 'training_file',
  validation_file: 'validation_file',
  label_column: 'label_column',
  suffix: 'suffix',
  seed: 'seed',
  n_epochs: 'hyperparameters.n_epochs',
  batch_size: 'hyperparameters.batch_size',
  learning_rate_multiplier: 'hyperparameters.learning_rate_multiplier',
  optimizer: 'hyperparameters.optimizer',
  lr_schedule: 'hyperparameters.lr_schedule',
  method_type: 'method.type',
  hidden_layers: 'method.hidden_layers',
  target_epsilon: 'privacy.target_epsilon',
  target_delta: 'privacy.target_delta',
  max_grad_norm: 'privacy.max_grad_norm',
};

const MODEL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(@[A-Za-z0-9_-]+)?$/;
const SUFFIX = /^[a-z0-9][a-z0-9-]{0,39}$/;
const FILE_ID = /^file-[A-Za-z0-9]+$/;

export type JobFormErrors = Partial<Record<keyof JobForm, string>>;

function number(text: string): number | null {
  if (text.trim() === '') {
    return null;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

function hiddenLayers(text: string): number[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean).map(Number);
}

/** The problems a person can fix before sending, by form field; empty when the form may be sent. */
export function validateJobForm(form: JobForm): JobFormErrors {
  const errors: JobFormErrors = {};
  if (!form.model.trim()) {
    errors.model = 'is required';
  } else if (!MODEL_REFERENCE.test(form.model.trim())) {
    errors.model = `must be ${FROM_SCRATCH} or a model of yours: name, name@alias or name@version`;
  }
  if (!form.training_file) {
    errors.training_file = 'is required';
  } else if (!FILE_ID.test(form.training_file)) {
    errors.training_file = 'must be a file id such as file-abc123';
  }
  if (form.validation_file && !FILE_ID.test(form.validation_file)) {
    errors.validation_file = 'must be a file id such as file-abc123';
  } else if (form.validation_file && form.validation_file === form.training_file) {
    errors.validation_file = 'must be another file than the training file';
  }
  if (!form.label_column.trim()) {
    errors.label_column = 'is required';
  } else if (form.label_column.length > 200) {
    errors.label_column = 'must be at most 200 characters';
  }
  if (form.suffix && !SUFFIX.test(form.suffix)) {
    errors.suffix = "must be 1 to 40 of a-z, 0-9 and '-', starting with a letter or digit";
  }
  const seed = number(form.seed);
  if (seed !== null && (!Number.isInteger(seed) || seed < 0)) {
    errors.seed = 'must not be negative';
  }
  const epochs = number(form.n_epochs);
  if (epochs !== null && (!Number.isInteger(epochs) || epochs < 1 || epochs > 100)) {
    errors.n_epochs = 'must be between 1 and 100';
  }
  const batch = number(form.batch_size);
  if (batch !== null && (!Number.isInteger(batch) || batch < 1 || batch > 4096)) {
    errors.batch_size = 'must be between 1 and 4096';
  }
  const rate = number(form.learning_rate_multiplier);
  if (rate !== null && (Number.isNaN(rate) || rate <= 0 || rate > 10)) {
    errors.learning_rate_multiplier = 'must be greater than 0 and at most 10';
  }
  if (form.method_type === 'mlp') {
    const layers = hiddenLayers(form.hidden_layers);
    if (layers.length === 0 || layers.some((size) => !Number.isInteger(size) || size < 1 || size > 4096)) {
      errors.hidden_layers = 'sizes must be between 1 and 4096, separated by commas';
    }
  }
  if (form.private) {
    const epsilon = number(form.target_epsilon);
    if (epsilon === null || Number.isNaN(epsilon) || epsilon <= 0) {
      errors.target_epsilon = 'must be greater than 0';
    }
    const delta = number(form.target_delta);
    if (delta === null || Number.isNaN(delta) || delta <= 0 || delta >= 1) {
      errors.target_delta = 'must be greater than 0 and less than 1';
    }
    const norm = number(form.max_grad_norm);
    if (norm === null || Number.isNaN(norm) || norm <= 0) {
      errors.max_grad_norm = 'must be greater than 0';
    }
  }
  return errors;
}

/** The body of `POST /v1/fine_tuning/jobs` for a form that passed {@link validateJobForm}. */
export function jobRequest(form: JobForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: form.model.trim(),
    training_file: form.training_file,
    label_column: form.label_column.trim(),
  };
  if (form.validation_file) body.validation_file = form.validation_file;
  if (form.suffix) body.suffix = form.suffix;
  if (form.seed.trim()) body.seed = Number(form.seed);
  const hyperparameters: Record<string, unknown> = { optimizer: form.optimizer, lr_schedule: form.lr_schedule };
  if (form.n_epochs.trim()) hyperparameters.n_epochs = Number(form.n_epochs);
  if (form.batch_size.trim()) hyperparameters.batch_size = Number(form.batch_size);
  if (form.learning_rate_multiplier.trim()) hyperparameters.learning_rate_multiplier = Number(form.learning_rate_multiplier);
  body.hyperparameters = hyperparameters;
  body.method = form.method_type === 'mlp'
    ? { type: 'mlp', hidden_layers: hiddenLayers(form.hidden_layers) }
    : { type: 'logistic_regression' };
  if (form.private) {
    body.privacy = {
      target_epsilon: Number(form.target_epsilon),
      target_delta: Number(form.target_delta),
      max_grad_norm: Number(form.max_grad_norm),
    };
  }
  return body;
}

/** Which form field a server-side field error belongs to. */
export function formFieldOf(apiField: string): keyof JobForm | undefined {
  const entry = Object.entries(API_FIELDS).find(([, name]) => name === apiField);
  return entry?.[0] as keyof JobForm | undefined;
}
