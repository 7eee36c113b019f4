/**
 * Authenticated calls to the REST API (/api/v1/…): adds the bearer token, refreshes it when it is
 * about to expire or the server says 401, and retries once. Used for server-only data through
 * TanStack Query (organisations, leaderboards, inventory, reports); local data never comes here.
 */
import { ApiError, NeedsLoginError, NetworkError } from './api-errors.ts';
import { requestJson } from './http.ts';
import { getSession } from './session-store.ts';
import { refreshSession } from './token-refresh.ts';

const EARLY_REFRESH_MS = 30_000;

async function currentToken(): Promise<string> {
  const session = getSession();
  if (!session) throw new NeedsLoginError();
  if (session.accessTokenExpiresAt - EARLY_REFRESH_MS > Date.now()) return session.accessToken;
  const refreshed = await refreshSession();
  if (!refreshed) throw new NeedsLoginError();
  return refreshed.accessToken;
}

export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const url = path.startsWith('/') ? path : `/api/v1/${path}`;
  const token = await currentToken();
  try {
    return await requestJson<T>(url, { ...init, token });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    const refreshed = await refreshSession();
    if (!refreshed) throw new NeedsLoginError();
    return requestJson<T>(url, { ...init, token: refreshed.accessToken });
  }
}

/** Downloads a file from the API (report exports) with the same token handling. */
export async function apiDownload(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  const get = async (token: string) => {
    let res: Response;
    try {
      res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      throw new NetworkError();
    }
    return res;
  };
  let res = await get(await currentToken());
  if (res.status === 401) {
    const refreshed = await refreshSession();
    if (!refreshed) throw new NeedsLoginError();
    res = await get(refreshed.accessToken);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: unknown } | null;
    throw new ApiError(
      res.status,
      typeof body?.detail === 'string' ? body.detail : `Download failed (${res.status})`,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await res.blob(), fileName: match?.[1] ? decodeURIComponent(match[1]) : null };
}
