import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'eco-track' },
    redact: ['req.headers.authorization', 'jwtSecret', 'password', '*.password', 'refresh_token'],
  });
}
