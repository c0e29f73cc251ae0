/** An RFC 9457 problem document as the platform sends it, with the fields or lines at fault. */
export interface FieldError {
  field?: string | null;
  line?: number | null;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldError[];
}

/** A refused or failed API call, carrying what the server said about it. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for one form field, matched by its API name (e.g. `hyperparameters.n_epochs`). */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors.find((error) => error.field === field)?.message;
  }
}

const STATUS_TITLES: Record<number, string> = {
  401: 'Your session has ended',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  429: 'Too many requests',
  502: 'A service could not be reached',
  503: 'Temporarily unavailable',
};

/** Reads a problem+json body; any other body becomes a problem named after the status. */
export function problemFrom(status: number, contentType: string | null, body: string): Problem {
  if (contentType && /json/i.test(contentType) && body) {
    try {
      const parsed = JSON.parse(body) as Partial<Problem> & { error?: { message?: string } };
      if (parsed && typeof parsed === 'object' && (parsed.title || parsed.detail || parsed.error)) {
        return {
          type: parsed.type,
          title: parsed.title ?? parsed.error?.message ?? STATUS_TITLES[status] ?? `Request failed (${status})`,
          status: parsed.status ?? status,
          detail: parsed.detail,
          errors: Array.isArray(parsed.errors) ? parsed.errors : [],
        };
      }
    } catch {
      // Not JSON after all: fall through to a problem named after the status.
    }
  }
  return {
    title: STATUS_TITLES[status] ?? `Request failed (${status})`,
    status,
    detail: body && body.length < 300 && !/<html/i.test(body) ? body : undefined,
    errors: [],
  };
}

/** A problem for a failure that never reached the server (network down, CORS, aborted). */
export function networkProblem(reason: unknown): Problem {
  return {
    title: 'The platform could not be reached',
    status: 0,
    detail: reason instanceof Error ? reason.message : String(reason),
    errors: [],
  };
}

/** Where a field error points: the field's name, or the line of an uploaded file. */
export function describeFieldError(error: FieldError): string {
  if (error.line != null && error.field) {
    return `line ${error.line}, ${error.field}: ${error.message}`;
  }
  if (error.line != null) {
    return `line ${error.line}: ${error.message}`;
  }
  return error.field ? `${error.field}: ${error.message}` : error.message;
}
