/**
 * Snapshot read-ahead: when a snapshot chunk is answered and another follows, the server starts
 * reading that next chunk at once, while the client is still receiving, decoding and storing the
 * current one. A client cannot ask for chunk N+1 before it has chunk N (the offset is in N's
 * headers), so without this every chunk costs the server's read plus the client's handling in
 * turn; with it, the two overlap (docs/decisions.md).
 *
 * An entry is keyed by who asks (the shape cache's key: table and user, or a trusted proxy's
 * where) and by the handle and the key after which the next request's chunk starts (its offset
 * is the handle's position and that key), and is served once. Nothing
 * is trusted from it that the request does not check first: the request is validated against the
 * shape as usual (handle, position, memberships) before an entry is taken. Reading a later chunk
 * early is as consistent as reading it on request: later chunks are read at their own time anyway
 * and every change after the snapshot's log position arrives from the log (shape-snapshot.ts).
 *
 * Bounded: at most `maxEntries` chunks are read ahead or held at once (chunks of 10k rows are
 * ~6 MB of text), an entry not taken within `ttlMs` is dropped, and a failed read is forgotten
 * (the request then reads the chunk itself).
 */
import type { SnapshotChunk } from './shape-reader.ts';

export interface ReadAheadOptions {
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  chunk: Promise<SnapshotChunk | undefined>;
  expires: number;
}

export class SnapshotReadAhead {
  readonly #entries = new Map<string, Entry>();
  readonly #opts: Required<ReadAheadOptions>;

  constructor(opts: ReadAheadOptions) {
    this.#opts = { now: () => Date.now(), ...opts };
  }

  static key(who: string, handle: string, afterKey: string): string {
    return `${who}\n${handle}\n${afterKey}`;
  }

  /** Starts `read` under `key`, unless one is held there already or the limit is reached. */
  start(key: string, read: () => Promise<SnapshotChunk>): void {
    this.#dropExpired();
    if (this.#entries.has(key) || this.#entries.size >= this.#opts.maxEntries) return;
    const chunk = read().catch(() => {
      this.#entries.delete(key);
      return undefined;
    });
    this.#entries.set(key, { chunk, expires: this.#opts.now() + this.#opts.ttlMs });
  }

  /** The chunk read ahead under `key` (each is served once), or undefined: read it yourself. */
  async take(key: string): Promise<SnapshotChunk | undefined> {
    this.#dropExpired();
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    return entry.chunk;
  }

  get size(): number {
    return this.#entries.size;
  }

  #dropExpired(): void {
    const now = this.#opts.now();
    for (const [key, e] of this.#entries) if (e.expires <= now) this.#entries.delete(key);
  }
}
