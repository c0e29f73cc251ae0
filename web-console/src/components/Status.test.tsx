import { render, screen } from '@testing-library/preact';
import { ApiError } from '../lib/problem';
import { ProblemMessage } from './Status';

describe('a problem as a message', () => {
  it('shows the title, the detail and each field or line at fault', () => {
    render(<ProblemMessage error={new ApiError({
      title: 'The file has invalid rows', status: 400, detail: '2 rows could not be read',
      errors: [{ field: 'file', line: 3, message: 'has 4 columns, the header 5' }, { line: 9, message: 'is not UTF-8' }],
    })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The file has invalid rows');
    expect(alert.textContent).toContain('2 rows could not be read');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent))
      .toEqual(['line 3, file: has 4 columns, the header 5', 'line 9: is not UTF-8']);
    expect(screen.queryByRole('button', { name: 'Log in again' })).toBeNull();
  });

  it('offers to log in again when the session ended', () => {
    render(<ProblemMessage error={new ApiError({ title: 'Your session has ended', status: 401, errors: [] })} />);
    expect(screen.getByRole('button', { name: 'Log in again' })).toBeTruthy();
  });

  it('shows nothing without an error', () => {
    const { container } = render(<ProblemMessage error={null} />);
    expect(container.innerHTML).toBe('');
  });
});
