import { classProbabilities, inferenceRequest, InputError, inputFields } from './inference';
import type { Signature } from './types';

const churn: Signature = {
  inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 4] }],
  outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 2] }, { name: 'label', datatype: 'BYTES', shape: [-1, 1] }],
  feature_names: ['age', 'monthly_spend', 'tenure_months', 'support_tickets'],
  class_labels: ['no', 'yes'],
};

describe('the playground form', () => {
  it('has one field per named feature', () => {
    expect(inputFields(churn)).toEqual([{ tensor: 'features', features: churn.feature_names, datatype: 'FP32', shape: [-1, 4] }]);
  });

  it('numbers the features of a model that does not name them, and takes other tensors as JSON', () => {
    const fields = inputFields({ ...churn, feature_names: null, inputs: [...churn.inputs, { name: 'text', datatype: 'BYTES', shape: [-1] }] });
    expect(fields[0].features).toEqual(['features[0]', 'features[1]', 'features[2]', 'features[3]']);
    expect(fields[1].features).toBeNull();
  });

  it('builds a KServe v2 request of one row', () => {
    const request = inferenceRequest(inputFields(churn), {
      features: { age: '30', monthly_spend: '150.5', tenure_months: '3', support_tickets: '9' },
    });
    expect(request).toEqual({ inputs: [{ name: 'features', datatype: 'FP32', shape: [1, 4], data: [30, 150.5, 3, 9] }] });
  });

  it('names the feature that is not a number', () => {
    const fields = inputFields(churn);
    expect(() => inferenceRequest(fields, { features: { age: '30', monthly_spend: 'lots', tenure_months: '3', support_tickets: '9' } }))
      .toThrow(new InputError('monthly_spend', 'must be a number'));
  });

  it('shapes a JSON tensor by its rows', () => {
    const fields = inputFields({ ...churn, inputs: [{ name: 'x', datatype: 'BYTES', shape: [-1, 2] }], feature_names: null });
    expect(inferenceRequest(fields, { x: '[["a","b"],["c","d"]]' }))
      .toEqual({ inputs: [{ name: 'x', datatype: 'BYTES', shape: [2, 2], data: ['a', 'b', 'c', 'd'] }] });
    expect(() => inferenceRequest(fields, { x: '{' })).toThrow('x must be a JSON array');
  });

  it('pairs the probabilities with the class labels', () => {
    const response = { model_name: 'churn', model_version: '1', outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [1, 2], data: [0.25, 0.75] }] };
    expect(classProbabilities(response, churn.class_labels)).toEqual([{ label: 'no', probability: 0.25 }, { label: 'yes', probability: 0.75 }]);
    expect(classProbabilities(response, null)).toEqual([]);
  });
});

describe('a model with categorical columns', () => {
  const mixed: Signature = {
    ...churn,
    inputs: [churn.inputs[0], { name: 'categories', datatype: 'BYTES', shape: [-1, 2] }],
    categorical_columns: [{ name: 'plan', vocabulary: ['basic', 'pro'] }, { name: 'region', vocabulary: ['eu', 'us'] }],
  };

  it('offers each categorical column’s vocabulary', () => {
    expect(inputFields(mixed)[1]).toEqual({
      tensor: 'categories', features: ['plan', 'region'], choices: [['basic', 'pro'], ['eu', 'us']], datatype: 'BYTES', shape: [-1, 2],
    });
  });

  it('sends the chosen values as text and asks for a missing choice', () => {
    const fields = inputFields(mixed);
    const features = { age: '30', monthly_spend: '150', tenure_months: '3', support_tickets: '9' };
    expect(inferenceRequest(fields, { features, categories: { plan: 'pro', region: 'eu' } }).inputs)
      .toContainEqual({ name: 'categories', datatype: 'BYTES', shape: [1, 2], data: ['pro', 'eu'] });
    expect(() => inferenceRequest(fields, { features, categories: { plan: 'pro' } })).toThrow('region must be chosen');
  });
});
