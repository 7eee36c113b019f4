/**
 * Persists the server-only part of the query cache (keys starting with 'server') to localStorage,
 * so organisations, leaderboards and inventory read offline and after a reload. Written with
 * TanStack's own dehydrate/hydrate; the official persister packages lag behind react-query's
 * version and would bundle a second query-core (docs/decisions.md).
 */
import { dehydrate, hydrate, type QueryClient } from '@tanstack/react-query';
import { SERVER } from './query-client.ts';

const KEY = 'eco-track.query-cache.v1';
const MAX_AGE_MS = 30 * 24 * 3600_000;

interface Persisted {
  userId: string;
  savedAt: number;
  state: ReturnType<typeof dehydrate>;
}

/** Restores the cache saved for this user, if any and not too old. */
export function restoreQueryCache(client: QueryClient, userId: string): void {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return;
    const saved = JSON.parse(raw) as Persisted;
    if (saved.userId !== userId || Date.now() - saved.savedAt > MAX_AGE_MS) {
      localStorage.removeItem(KEY);
      return;
    }
    hydrate(client, saved.state);
  } catch {
    localStorage.removeItem(KEY);
  }
}

/** Saves the cache (throttled) whenever a server query settles; returns the unsubscribe. */
export function persistQueryCache(client: QueryClient, userId: () => string | null): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const id = userId();
    if (!id) return;
    const state = dehydrate(client, {
      shouldDehydrateQuery: (q) => q.queryKey[0] === SERVER && q.state.status === 'success',
      shouldDehydrateMutation: () => false,
    });
    try {
      localStorage.setItem(
        KEY,
        JSON.stringify({ userId: id, savedAt: Date.now(), state } satisfies Persisted),
      );
    } catch {
      // Storage full or blocked: the cache simply will not survive this reload.
    }
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    const key = event.query.queryKey as readonly unknown[];
    if (key[0] !== SERVER || event.type !== 'updated') return;
    timer ??= setTimeout(save, 500);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

export function clearPersistedQueryCache(): void {
  localStorage.removeItem(KEY);
}
