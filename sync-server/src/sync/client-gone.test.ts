import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientGone } from './client-gone.ts';

// A held request that records whether its client went away, over real HTTP (the Node path).
const events: string[] = [];
const held: { release?: () => void } = {};
const releaseHeld = () => held.release?.();
const app = new Hono().get('/hold', async (c) => {
  const watch = clientGone(c);
  await new Promise<void>((resolve) => {
    held.release = resolve;
    watch.onGone(() => {
      events.push('gone');
      resolve();
    });
  });
  return c.text('done');
});
let server: ReturnType<typeof serve>;
let port = 0;
beforeAll(async () => {
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('clientGone on the Node server', () => {
  it('fires when the client disconnects from a held request', async () => {
    events.length = 0;
    held.release = undefined;
    const req = request({ port, host: '127.0.0.1', path: '/hold' });
    req.on('error', () => undefined);
    req.end();
    await until(() => held.release !== undefined);
    req.destroy();
    await until(() => events.length > 0);
    expect(events).toEqual(['gone']);
  });

  it('stays quiet when the answer is delivered', async () => {
    events.length = 0;
    held.release = undefined;
    const body = new Promise<string>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', path: '/hold' }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    await until(() => held.release !== undefined);
    releaseHeld();
    expect(await body).toBe('done');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([]);
  });
});
