/**
 * Resolves once the answer to `c` has been handed to the operating system (the Node response's
 * 'finish'), or its connection closed; outside @hono/node-server (`app.request` in tests), on the
 * next turn of the event loop. Work that would hold up the event loop (a query on the embedded
 * PGlite runs on this thread) waits for it, so it does not delay the answer it follows.
 */
import type { Context } from 'hono';
import { nodeResponse } from './client-gone.ts';

export function responseWritten(c: Context): Promise<void> {
  const res = nodeResponse(c);
  return new Promise((resolve) => {
    if (!res) {
      setImmediate(resolve);
      return;
    }
    if (res.writableFinished || res.closed) {
      resolve();
      return;
    }
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      resolve();
    };
    res.on('finish', done);
    res.on('close', done);
  });
}
