import { ApiError, NetworkError } from './api-errors.ts';

/** A JSON request to our own origin; maps failures to ApiError / NetworkError. */
export async function requestJson<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError();
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const detail =
      json && typeof json === 'object' && 'detail' in json
        ? formatDetail(json.detail)
        : res.status >= 500
          ? 'The server had a problem. Try again in a moment.'
          : `Request failed (${res.status})`;
    throw new ApiError(res.status, detail);
  }
  return json as T;
}

function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  // FastAPI-style validation lists: [{ loc, msg }]
  if (Array.isArray(detail))
    return detail
      .map((d: unknown) => (d && typeof d === 'object' && 'msg' in d ? String(d.msg) : String(d)))
      .join('; ');
  return JSON.stringify(detail);
}
