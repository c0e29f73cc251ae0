import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { ApiError, networkProblem } from './problem';
import type { Me } from './types';

export const TENANT_ADMIN = 'tenant-admin';
export const TENANT_MEMBER = 'tenant-member';
export const PLATFORM_ADMIN = 'platform-admin';

export interface Session {
  api: Api;
  me: Me;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside a logged-in console');
  }
  return session;
}

export function hasRole(me: Me, role: string): boolean {
  // tenant-admin includes tenant-member in Keycloak; the token lists both, but be explicit.
  return me.roles.includes(role) || (role === TENANT_MEMBER && me.roles.includes(TENANT_ADMIN));
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(networkProblem(reason));
}

/** Loads with `load` whenever `keys` change; `reload` loads again without clearing what is shown. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    load().then(
      (value) => {
        if (mine === generation.current) {
          setData(value);
          setError(null);
          setLoading(false);
        }
      },
      (reason) => {
        if (mine === generation.current) {
          setError(asApiError(reason));
          setLoading(false);
        }
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, keys);
  useEffect(() => {
    setData(undefined);
    run();
    return () => {
      generation.current++;
    };
  }, [run]);
  return { data, error, loading, reload: run };
}

/** Runs one action at a time (a form's submit), holding its failure for display. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (...args: A): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action(...args);
    } catch (reason) {
      setError(asApiError(reason));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clearError: () => setError(null) };
}
