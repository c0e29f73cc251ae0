import type { InferenceResponse, Signature, TensorSpec } from './types';

/**
 * The playground's form, built from a model version's signature: one number field per named feature of a
 * numeric input, one choice per categorical column of a text input (from the column's vocabulary), a
 * JSON field for any other tensor.
 */
export interface InputField {
  tensor: string;
  /** Names of the values of one row; null for a raw JSON tensor. */
  features: string[] | null;
  /** For a categorical input: the values each feature may take. */
  choices?: string[][];
  datatype: string;
  shape: number[];
}

const NUMERIC = /^(BOOL|U?INT(8|16|32|64)|FP(16|32|64)|BF16)$/;

export function inputFields(signature: Signature): InputField[] {
  const names = signature.feature_names ?? [];
  const categorical = signature.categorical_columns ?? [];
  return signature.inputs.map((input: TensorSpec) => {
    const width = input.shape.length === 2 ? input.shape[1] : -1;
    const field: InputField = { tensor: input.name, features: null, datatype: input.datatype, shape: input.shape };
    if (NUMERIC.test(input.datatype) && width > 0) {
      field.features = names.length === width ? names : Array.from({ length: width }, (_, i) => `${input.name}[${i}]`);
    } else if (input.datatype === 'BYTES' && width > 0 && categorical.length === width) {
      field.features = categorical.map((column) => column.name);
      field.choices = categorical.map((column) => column.vocabulary);
    }
    return field;
  });
}

export type InputValues = Record<string, Record<string, string> | string>;

/** A KServe v2 request for one row of feature values, or the raw JSON tensors given; throws on bad input. */
export function inferenceRequest(fields: InputField[], values: InputValues): Record<string, unknown> {
  const inputs = fields.map((field) => {
    const value = values[field.tensor];
    if (field.features) {
      const row = (value ?? {}) as Record<string, string>;
      const data = field.features.map((feature) => {
        const text = (row[feature] ?? '').trim();
        if (field.choices) {
          if (text === '') {
            throw new InputError(feature, 'must be chosen');
          }
          return text;
        }
        const parsed = Number(text);
        if (text === '' || !Number.isFinite(parsed)) {
          throw new InputError(feature, 'must be a number');
        }
        return parsed;
      });
      return { name: field.tensor, datatype: field.datatype, shape: [1, field.features.length], data };
    }
    let data: unknown;
    try {
      data = JSON.parse(String(value ?? ''));
    } catch {
      throw new InputError(field.tensor, 'must be a JSON array');
    }
    if (!Array.isArray(data)) {
      throw new InputError(field.tensor, 'must be a JSON array');
    }
    const rows = Array.isArray(data[0]) ? data.length : 1;
    const flat = (data as unknown[]).flat(Infinity);
    const shape = field.shape.map((size, i) => (size >= 0 ? size : i === 0 ? rows : flat.length / rows));
    return { name: field.tensor, datatype: field.datatype, shape, data: flat };
  });
  return { inputs };
}

export class InputError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field} ${reason}`);
  }
}

/** Class probabilities of the first row next to their labels, when the model names its classes. */
export function classProbabilities(response: InferenceResponse, classLabels: string[] | null | undefined):
  { label: string; probability: number }[] {
  const probabilities = response.outputs.find((output) => output.name === 'probabilities');
  if (!probabilities || !classLabels?.length) {
    return [];
  }
  return classLabels.map((label, i) => ({ label, probability: Number(probabilities.data[i]) }));
}
