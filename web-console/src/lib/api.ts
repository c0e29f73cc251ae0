import { ApiError, networkProblem, problemFrom } from './problem';

/** OpenAI's list envelope, which every list endpoint answers with. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  first_id?: string | null;
  last_id?: string | null;
}

export type TokenSource = () => Promise<string | null>;

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Calls the tenant REST API on the console's own origin with the person's access token. Every failure
 * becomes an {@link ApiError} holding the problem the server sent.
 */
export class Api {
  constructor(private readonly token: TokenSource, private readonly base = '') {}

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /** Like {@link send} but also returns how long the round trip took, in milliseconds. */
  async timed<T>(method: string, path: string, body?: unknown): Promise<{ value: T; millis: number }> {
    const started = performance.now();
    const value = await this.send<T>(method, path, body);
    return { value, millis: performance.now() - started };
  }

  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = await this.token();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (reason) {
      throw new ApiError(networkProblem(reason));
    }
    const text = await response.text();
    if (!response.ok) {
      throw new ApiError(problemFrom(response.status, response.headers.get('Content-Type'), text));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Uploads a form with XMLHttpRequest, the one browser API that reports upload progress; the server
   * streams the body through anonymization as it arrives.
   */
  async upload<T>(path: string, form: FormData, onProgress: (progress: UploadProgress) => void): Promise<T> {
    const token = await this.token();
    return new Promise<T>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', this.base + path);
      request.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (token) {
        request.setRequestHeader('Authorization', `Bearer ${token}`);
      }
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) {
          onProgress({ loaded: event.loaded, total: event.total });
        }
      };
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) {
          resolve(JSON.parse(request.responseText) as T);
        } else {
          reject(new ApiError(problemFrom(request.status, request.getResponseHeader('Content-Type'), request.responseText)));
        }
      };
      request.onerror = () => reject(new ApiError(networkProblem('the upload was interrupted')));
      request.send(form);
    });
  }
}

/** Query strings from the values that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
