import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'eco-config-'));

describe('configuration', () => {
  it('has working defaults: port 3000, embedded database under ./data', () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe(dir);
  });

  it('generates JWT_SECRET once, keeps it private in DATA_DIR and reuses it', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('keeps mutation answers 30 days by default, never less than the change log', () => {
    const day = 86_400_000;
    expect(loadConfig({ DATA_DIR: tmp() }).syncMutationRetentionMs).toBe(30 * day);
    expect(loadConfig({ DATA_DIR: tmp(), SYNC_LOG_RETENTION: '60d' }).syncMutationRetentionMs).toBe(
      60 * day,
    );
    expect(
      loadConfig({ DATA_DIR: tmp(), SYNC_LOG_RETENTION: '1h', SYNC_MUTATION_RETENTION: '12h' })
        .syncMutationRetentionMs,
    ).toBe(day / 2);
    expect(() =>
      loadConfig({ DATA_DIR: tmp(), SYNC_LOG_RETENTION: '7d', SYNC_MUTATION_RETENTION: '3d' }),
    ).toThrow(/SYNC_MUTATION_RETENTION must be at least SYNC_LOG_RETENTION/);
  });

  it('names every invalid variable in one clear error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', DATA_DIR: tmp() });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/PORT must be a whole number \(got 'abc'\)/);
      expect(msg).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(msg).toMatch(/JWT_SECRET must be at least 32 characters/);
      expect(msg).not.toContain("'short'"); // secrets are never echoed
    }
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000', DATA_DIR: tmp() })).toThrow(
      /PORT must be between 0 and 65535/,
    );
  });
});
