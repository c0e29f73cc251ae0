import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { vi } from 'vitest';
import { Api } from '../lib/api';
import { SessionContext } from '../lib/context';
import type { Me } from '../lib/types';

export const ACME_ADMIN: Me = { subject: 'acme-admin', tenant: 'acme', roles: ['tenant-admin', 'tenant-member'] };

interface Reply {
  status?: number;
  body?: unknown;
  problem?: boolean;
}

/**
 * Stands in for the network (the browser's fetch) with answers by "METHOD /path"; every request is kept,
 * with its parsed body, so tests check what the console sent.
 */
export function fakeNetwork(replies: Record<string, Reply | ((body: unknown) => Reply)>) {
  const sent: { method: string; path: string; body: unknown; authorization: string | null }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    sent.push({ method, path: url.pathname + url.search, body, authorization: headers.get('Authorization') });
    const key = Object.keys(replies).find((candidate) => {
      const [m, p] = candidate.split(' ');
      return m === method && (p === url.pathname + url.search || p === url.pathname);
    });
    if (!key) {
      return new Response(JSON.stringify({ title: 'Not found', status: 404, detail: `${method} ${url.pathname}` }),
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }
    const entry = replies[key];
    const reply = typeof entry === 'function' ? entry(body) : entry;
    const status = reply.status ?? 200;
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': reply.problem || status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return sent;
}

export function renderWithSession(ui: ComponentChildren, me: Me = ACME_ADMIN) {
  const api = new Api(async () => 'token-for-tests');
  return render(<SessionContext.Provider value={{ api, me }}>{ui}</SessionContext.Provider>);
}

export function list<T>(data: T[]) {
  return { object: 'list', data, has_more: false };
}
