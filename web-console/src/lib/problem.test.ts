import { ApiError, describeFieldError, problemFrom } from './problem';

describe('problemFrom', () => {
  it('reads a problem+json body with its field errors', () => {
    const problem = problemFrom(400, 'application/problem+json', JSON.stringify({
      type: 'https://modelyard.dev/problems/validation', title: 'Invalid request', status: 400,
      detail: 'The job cannot start', errors: [{ field: 'hyperparameters.n_epochs', message: 'must be between 1 and 100' }],
    }));
    expect(problem.title).toBe('Invalid request');
    expect(problem.detail).toBe('The job cannot start');
    expect(new ApiError(problem).fieldMessage('hyperparameters.n_epochs')).toBe('must be between 1 and 100');
  });

  it('names a failure without a problem body after its status', () => {
    expect(problemFrom(502, 'text/html', '<html>bad gateway</html>')).toEqual({
      title: 'A service could not be reached', status: 502, detail: undefined, errors: [],
    });
    expect(problemFrom(418, null, '').title).toBe('Request failed (418)');
  });

  it('points at the line of an uploaded file when the server names one', () => {
    expect(describeFieldError({ field: 'file', line: 12, message: 'has 3 columns, the header 4' }))
      .toBe('line 12, file: has 3 columns, the header 4');
    expect(describeFieldError({ line: 3, message: 'is not JSON' })).toBe('line 3: is not JSON');
    expect(describeFieldError({ field: 'name', message: 'is required' })).toBe('name: is required');
  });
});
