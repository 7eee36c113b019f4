/**
 * A minimal in-memory replica driven by the real @electric-sql/client ShapeStream, as a device's
 * sync engine would use it: rows by key, must-refetch truncates, inserts upsert, updates merge,
 * deletes remove; it records every txid seen and every message, and can resume from the offset
 * and handle it stopped at.
 */
import {
  FetchError,
  ShapeStream,
  isChangeMessage,
  isControlMessage,
  type Message,
  type Offset,
  type Row,
} from '@electric-sql/client';

export interface ReplicaOptions {
  url: string;
  table: string;
  token: () => Promise<string>;
  offset?: string;
  handle?: string;
  params?: Record<string, string>;
  /** The rows a resumed replica already holds (its persisted state). */
  rows?: ReadonlyMap<string, Row>;
}

export class Replica {
  readonly rows = new Map<string, Row>();
  readonly txids = new Set<number>();
  readonly received: Message<Row>[] = [];
  refetches = 0;
  upToDate = false;
  error: unknown;
  readonly stream: ShapeStream<Row>;
  readonly #abort = new AbortController();
  #waiters = new Set<() => void>();

  constructor(opts: ReplicaOptions) {
    for (const [k, v] of opts.rows ?? []) this.rows.set(k, v);
    this.stream = new ShapeStream<Row>({
      url: `${opts.url}/v1/shape`,
      params: { table: opts.table, ...opts.params },
      headers: { Authorization: async () => `Bearer ${await opts.token()}` },
      ...(opts.offset ? { offset: opts.offset as Offset } : {}),
      ...(opts.handle ? { handle: opts.handle } : {}),
      signal: this.#abort.signal,
      backoffOptions: { initialDelay: 20, maxDelay: 200, multiplier: 1.5 },
      onError: (err) => {
        this.error = err;
        this.#notify();
        // 4xx other than 401 are final; network errors and 5xx are retried by the client.
        return undefined;
      },
    });
    this.stream.subscribe(
      (messages) => {
        for (const m of messages) this.#apply(m);
        this.#notify();
      },
      (err) => {
        this.error = err;
        this.#notify();
      },
    );
  }

  #apply(m: Message<Row>): void {
    this.received.push(m);
    if (isChangeMessage(m)) {
      for (const t of m.headers.txids ?? []) this.txids.add(t);
      const op = m.headers.operation;
      if (op === 'insert') this.rows.set(m.key, { ...m.value });
      else if (op === 'update') {
        const cur = this.rows.get(m.key);
        if (cur) this.rows.set(m.key, { ...cur, ...m.value });
      } else this.rows.delete(m.key);
    } else if (isControlMessage(m)) {
      if (m.headers.control === 'must-refetch') {
        this.rows.clear();
        this.refetches++;
        this.upToDate = false;
      } else if (m.headers.control === 'up-to-date') this.upToDate = true;
    }
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves once `check` holds (re-checked after every batch), or fails after `timeoutMs`. */
  async until(check: (r: Replica) => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (check(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(onChange);
        reject(new Error(`replica: timed out waiting for ${what}; error: ${String(this.error)}`));
      }, timeoutMs);
      const onChange = () => {
        if (!check(this)) return;
        clearTimeout(timer);
        this.#waiters.delete(onChange);
        resolve();
      };
      this.#waiters.add(onChange);
    });
  }

  /** Values by primary key column. */
  byId(pk: string): Map<string, Row> {
    return new Map([...this.rows.values()].map((r) => [r[pk] as string, r]));
  }

  get offset(): string {
    return this.stream.lastOffset;
  }

  get handle(): string | undefined {
    return this.stream.shapeHandle;
  }

  stop(): void {
    this.stream.unsubscribeAll();
    this.#abort.abort();
  }
}

export const statusOf = (err: unknown): number | undefined =>
  err instanceof FetchError ? err.status : undefined;
