import type { ComponentChildren } from 'preact';
import type { ApiError } from '../lib/problem';
import { describeFieldError } from '../lib/problem';

/** A failed call as a person reads it: the problem's title, its detail and each field or line at fault. */
export function ProblemMessage({ error, onDismiss }: { error: ApiError | null; onDismiss?: () => void }) {
  if (!error) {
    return null;
  }
  const { problem } = error;
  return (
    <div class="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((fieldError, i) => <li key={i}>{describeFieldError(fieldError)}</li>)}
        </ul>
      )}
      {problem.status === 401 && (
        // A reload renews the session from the refresh token, or shows the login when that is gone too.
        <button type="button" class="link" onClick={() => window.location.reload()}>Log in again</button>
      )}
      {onDismiss && <button type="button" class="link" onClick={onDismiss}>Dismiss</button>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p class="loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true" />Loading {what}…</p>;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/** A state badge: job states, key states, tenant states. */
export function Badge({ value }: { value: string }) {
  return <span class={`badge badge-${value.replace(/[^a-z_]/g, '')}`}>{value.replace(/_/g, ' ')}</span>;
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div class="progress">
      <div class="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={percent}>
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="progress-text">{percent}%</span>
    </div>
  );
}
