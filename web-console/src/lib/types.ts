/** The API's objects, as the services write them (snake_case, Unix seconds). */

export interface Me {
  subject: string;
  tenant: string | null;
  roles: string[];
  api_key_id?: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rate_limit_per_minute?: number | null;
  created_by?: string;
  created_at: number;
  expires_at?: number | null;
  revoked_at?: number | null;
  last_used_at?: number | null;
  secret?: string;
}

export interface Risk {
  highest: number;
  average: number;
  records_at_risk: number;
}

export interface PiiReport {
  total: number;
  by_type: Record<string, number>;
  by_column: Record<string, Record<string, number>>;
  rows_with_pii: number;
  classified_columns?: Record<string, string>;
  /** The operator the anonymization policy applied to each kind found, and to each column taken whole. */
  operators_by_type?: Record<string, string>;
  operators_by_column?: Record<string, string>;
}

export interface AnonymizationReport {
  k: number;
  l?: number | null;
  generalization: Record<string, number>;
  suppressed_rows: number;
  risk_before: Risk;
  risk_after: Risk;
  information_loss: number;
  derived_from: string;
}

export interface DataFile {
  id: string;
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: string;
  format: string;
  rows: number;
  columns: string[];
  sha256: string;
  /** The anonymization policy version that anonymized the file. */
  policy?: { id: string; version: number } | null;
  pii_report?: PiiReport;
  anonymization?: AnonymizationReport;
}

export interface Allowance {
  total: number;
  spent: number;
  reserved: number;
  remaining: number;
}

export interface Budget {
  file?: string | null;
  epsilon: Allowance;
  delta: Allowance;
  tenant?: Budget | null;
}

export type JobStatus = 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface FineTuningJob {
  id: string;
  model: string;
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  status: JobStatus;
  hyperparameters: Record<string, unknown> | null;
  training_file: string;
  validation_file: string | null;
  trained_rows: number | null;
  error: { code: string; message: string; param?: string | null } | null;
  seed: number;
  suffix: string | null;
  privacy: {
    target_epsilon: number;
    target_delta: number;
    max_grad_norm: number;
    epsilon_spent?: number | null;
  } | null;
  label_column: string;
}

export interface JobEvent {
  id: string;
  created_at: number;
  level: string;
  message: string;
  type: string;
  data?: Record<string, unknown> | null;
}

export interface RegisteredModel {
  id: string;
  name: string;
  description?: string | null;
  tags?: Record<string, string>;
  created_at: number;
  updated_at: number;
}

export interface TensorSpec {
  name: string;
  datatype: string;
  shape: number[];
}

export interface Signature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  feature_names?: string[] | null;
  /** The columns of a `categories` input in order, with the values each knows. */
  categorical_columns?: { name: string; vocabulary: string[] }[] | null;
  class_labels?: string[] | null;
}

export interface ModelVersion {
  id: string;
  model: string;
  version: number;
  artifact_sha256: string;
  artifact_size: number;
  format: string;
  description?: string | null;
  signature: Signature;
  metrics?: Record<string, unknown> | null;
  lineage?: {
    job_id?: string | null;
    training_file?: string | null;
    validation_file?: string | null;
    base_model?: string | null;
    epsilon?: number | null;
    delta?: number | null;
  } | null;
  tags?: Record<string, string>;
  aliases: string[];
  created_at: number;
  created_by?: string;
}

export interface ModelAlias {
  alias: string;
  model: string;
  version: number;
  deployed: boolean;
  updated_at: number;
  updated_by?: string;
}

export interface AliasEvent {
  alias: string;
  action: string;
  from_version?: number | null;
  to_version?: number | null;
  by?: string;
  at: number;
}

export interface OutputTensor {
  name: string;
  datatype: string;
  shape: number[];
  data: unknown[];
}

export interface InferenceResponse {
  model_name: string;
  model_version: string;
  id?: string;
  outputs: OutputTensor[];
}

export interface UsageRow {
  model: string;
  version?: string | null;
  day?: string | null;
  requests: number;
  rows: number;
  errors: number;
  compute_seconds: number;
  avg_latency_ms?: number | null;
}

export interface UsageReport {
  data: UsageRow[];
  from: number;
  to: number;
  group_by: string;
}

export interface PricedLine {
  model: string;
  requests: number;
  inferences: number;
  compute_seconds: number;
  inference_amount: number;
  compute_amount: number;
  amount: number;
}

export interface InvoicePreview {
  tenant: string;
  plan: string;
  currency: string;
  period: { from: number; to: number };
  price_per1k_inferences?: number;
  price_per_compute_second?: number;
  lines: PricedLine[];
  subtotal: number;
  total_due: number;
}

export interface Tenant {
  id: string;
  name: string;
  plan: string;
  status: string;
  quotas: { requests_per_minute: number; max_concurrent_jobs: number };
  created_at: number;
  updated_at: number;
  admin?: { username: string; email: string; temporary_password: string } | null;
}
