/**
 * The last result of a few local queries (the dashboard's), kept in localStorage so a cold start
 * paints real numbers at once instead of waiting for the DB worker to boot and aggregate.
 *
 * A snapshot is exact, not merely recent: it is dropped the moment the worker reports a change to
 * any table the query reads (local writes, other tabs, the sync), and the worker is the only
 * writer, so a snapshot that is still present matches the database. Restored entries are marked
 * stale, so the query still runs against the database and replaces them.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { WatchedTable } from '../worker/api.ts';

const KEY = 'eco-track.local-snapshot.v1';

// Bumped on every change report: a query that started before a change must not save its
// (now outdated) result as a snapshot.
let generation = 0;

export function snapshotGeneration(): number {
  return generation;
}

interface Entry {
  key: QueryKey;
  tables: WatchedTable[];
  data: unknown;
  savedAt: number;
}

interface Stored {
  userId: string;
  entries: Record<string, Entry>;
}

function read(): Stored | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function write(s: Stored | null): void {
  try {
    if (s) globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Storage full or blocked: the next cold start simply waits for the worker.
  }
}

/** Puts this user's snapshots into the cache as stale data (they refetch when first used). */
export function restoreLocalSnapshot(client: QueryClient, userId: string): void {
  const s = read();
  if (!s) return;
  if (s.userId !== userId) {
    write(null);
    return;
  }
  for (const e of Object.values(s.entries)) {
    client.setQueryData(e.key, e.data, { updatedAt: e.savedAt });
    void client.invalidateQueries({ queryKey: e.key, exact: true, refetchType: 'none' });
  }
}

export function saveLocalSnapshot(
  userId: string,
  key: QueryKey,
  tables: readonly WatchedTable[],
  data: unknown,
): void {
  const s = read();
  const entries = s && s.userId === userId ? s.entries : {};
  entries[JSON.stringify(key)] = { key, tables: [...tables], data, savedAt: Date.now() };
  write({ userId, entries });
}

/** Forgets every snapshot that reads one of the changed tables. */
export function dropLocalSnapshots(changed: readonly WatchedTable[]): void {
  generation++;
  const s = read();
  if (!s) return;
  const kept = Object.fromEntries(
    Object.entries(s.entries).filter(([, e]) => !e.tables.some((t) => changed.includes(t))),
  );
  if (Object.keys(kept).length !== Object.keys(s.entries).length) write({ ...s, entries: kept });
}

export function clearLocalSnapshots(): void {
  write(null);
}
