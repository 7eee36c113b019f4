import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { getSession, setSession } from '../../services/session-store.ts';
import { createFakeDb } from '../../testing/fake-db.ts';
import { renderUi } from '../../testing/render.tsx';
import { LoginForm } from './login-form.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  vi.unstubAllGlobals();
  setSession(null);
});

const b64url = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '');

describe('the login form', () => {
  it('logs in with a username or email and stores the session', async () => {
    const exp = Math.floor(Date.now() / 1000) + 900;
    const calls: unknown[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      calls.push(JSON.parse(init.body as string));
      return Promise.resolve(
        new Response(
          JSON.stringify({
            access_token: `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u-9', username: 'ana', exp })}.s`,
            token_type: 'bearer',
            expires_in: 900,
            refresh_token: 'r-9',
          }),
        ),
      );
    });
    const onLoggedIn = vi.fn();
    cleanup = renderUi(<LoginForm onLoggedIn={onLoggedIn} />, createFakeDb()).unmount;
    await page.getByLabelText('Username or email', { exact: true }).fill('ana@example.com');
    await page.getByLabelText('Password', { exact: true }).fill('secret password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => onLoggedIn.mock.calls.length).toBe(1);
    expect(calls).toEqual([{ username: 'ana@example.com', password: 'secret password' }]);
    expect(getSession()).toMatchObject({
      userId: 'u-9',
      username: 'ana',
      refreshToken: 'r-9',
      needsLogin: false,
    });
  });

  it("shows the server's reason when the login is refused", async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ detail: 'Incorrect username or password' }), { status: 401 }),
      ),
    );
    cleanup = renderUi(<LoginForm onLoggedIn={() => undefined} />, createFakeDb()).unmount;
    await page.getByLabelText('Username or email', { exact: true }).fill('ana');
    await page.getByLabelText('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Incorrect username or password');
    expect(getSession()).toBeNull();
  });

  it('says that logging in needs a connection when offline', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    cleanup = renderUi(<LoginForm onLoggedIn={() => undefined} />, createFakeDb()).unmount;
    await page.getByLabelText('Username or email', { exact: true }).fill('ana');
    await page.getByLabelText('Password', { exact: true }).fill('whatever1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent(/You are offline/);
  });

  it('asks for both fields before calling the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    cleanup = renderUi(<LoginForm onLoggedIn={() => undefined} />, createFakeDb()).unmount;
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.element(page.getByText('Username or email must not be empty')).toBeVisible();
    await expect.element(page.getByText('Password must not be empty')).toBeVisible();
    expect(fetch).not.toHaveBeenCalled();
  });
});
