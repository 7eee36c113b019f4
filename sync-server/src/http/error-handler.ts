import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The single error handler: named errors become `{ detail }` with their status; the rest 500. */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) {
      return c.json({ detail: err.message }, err.status, err.headers);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const detail = status === 400 ? 'Malformed request: ' + err.message : err.message;
      return c.json({ detail }, status);
    }
    logger.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return c.json({ detail: 'Internal server error' }, 500);
  };
}
