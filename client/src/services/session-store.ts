/**
 * The signed-in session, kept in localStorage so it survives reloads and offline starts, and
 * shared by every tab (the `storage` event keeps them in step). Components read it with
 * `useSession()`; services read and write it here.
 *
 * The refresh token is here too: the app must stay signed in across offline reloads, and the
 * server's API hands tokens to the client in JSON (see docs/decisions.md).
 */
export interface StoredSession {
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  userId: string;
  username: string;
  /** The last refresh was refused: the user must log in again (local data stays usable). */
  needsLogin: boolean;
}

const KEY = 'eco-track.session.v1';
type Listener = () => void;
const listeners = new Set<Listener>();

let current: StoredSession | null = read();

function read(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (
      typeof parsed.accessToken !== 'string' ||
      typeof parsed.refreshToken !== 'string' ||
      typeof parsed.userId !== 'string' ||
      typeof parsed.username !== 'string'
    )
      return null;
    return {
      accessToken: parsed.accessToken,
      refreshToken: parsed.refreshToken,
      userId: parsed.userId,
      username: parsed.username,
      accessTokenExpiresAt: Number(parsed.accessTokenExpiresAt) || 0,
      needsLogin: parsed.needsLogin === true,
    };
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = read();
    emit();
  });
}

export function getSession(): StoredSession | null {
  return current;
}

/** Re-reads the store (another tab may have refreshed the tokens a moment ago). */
export function reloadSession(): StoredSession | null {
  current = read();
  return current;
}

export function setSession(next: StoredSession | null): void {
  current = next;
  if (next) globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
  else globalThis.localStorage?.removeItem(KEY);
  emit();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
