/**
 * How a held long-poll learns that its client went away, cheaply. Under @hono/node-server the
 * Node response is at hand (`c.env.outgoing`): one 'close' listener on it costs ~0.4 KB per held
 * poll, where reading `c.req.raw.signal` makes the adapter build an AbortController and its
 * EventTarget (~2.6 KB of RSS per held request, measured holding 5,000; decisions.md). Anywhere
 * else (`app.request` in tests) the request's AbortSignal serves.
 */
import { ServerResponse } from 'node:http';
import type { Context } from 'hono';

export interface ClientGone {
  readonly gone: boolean;
  /** Calls `fn` once when the client goes away; returns what cancels that. */
  onGone(fn: () => void): () => void;
}

export function signalGone(signal: AbortSignal): ClientGone {
  return {
    get gone() {
      return signal.aborted;
    },
    onGone(fn) {
      signal.addEventListener('abort', fn, { once: true });
      return () => signal.removeEventListener('abort', fn);
    },
  };
}

function responseGone(res: ServerResponse): ClientGone {
  // As the adapter decides: closed before the whole answer was written.
  return {
    get gone() {
      return res.closed && !res.writableFinished;
    },
    onGone(fn) {
      const onClose = () => {
        if (!res.writableFinished) fn();
      };
      res.once('close', onClose);
      return () => res.off('close', onClose);
    },
  };
}

/** The Node response under @hono/node-server; undefined elsewhere (`app.request` in tests). */
export function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing: unknown = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? (outgoing as ServerResponse) : undefined;
}

export function clientGone(c: Context): ClientGone {
  const res = nodeResponse(c);
  return res ? responseGone(res) : signalGone(c.req.raw.signal);
}
