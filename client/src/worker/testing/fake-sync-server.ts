/**
 * An in-memory stand-in for the sync server, for Node tests of the device's sync engine: the Shape
 * protocol as @electric-sql/client 1.5 expects it (snapshot, offsets, handles, long-poll with
 * up-to-date, 409 must-refetch, txids in change headers) and the mutations endpoint (ordered batch,
 * one transaction id, idempotent by mutation_id). It serves every synced table, applies simple
 * rules (a negative target is rejected) so tests see both verdicts, and, like the real server,
 * writes an activity's emission (with the shared engine) in the same transaction.
 *
 * Faults it can inject: a device's network down (fetch throws), a lost answer (the batch is applied
 * but the response never arrives), and a restart that forgets the change log (every client gets
 * 409 and re-syncs; data and the idempotency record survive, as they live in Postgres).
 */
import {
  ACTIVITY_TYPE_BY_CATEGORY,
  SYNCED_TABLES,
  activityEmission,
  SYNCED_TABLE_NAMES,
  electricSchema,
  type GwpSet,
  type SyncedTableName,
} from '@eco-track/shared-schema';

type TextRow = Record<string, string | null>;

interface LogEntry {
  position: number;
  txid: number;
  table: string;
  op: 'insert' | 'update' | 'delete';
  value: TextRow;
}

interface MutationIn {
  mutation_id: string;
  table: string;
  op: 'insert' | 'update' | 'delete';
  row?: Record<string, unknown>;
  changes?: Record<string, unknown>;
}

interface Answer {
  txid: number;
  results: { mutation_id: string; status: 'applied' | 'rejected'; detail?: string }[];
}

const SERVED: readonly SyncedTableName[] = SYNCED_TABLE_NAMES;

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

export class FakeSyncServer {
  readonly rows = new Map<string, Map<string, TextRow>>(SERVED.map((t) => [t, new Map()]));
  /** How many times each mutation_id changed data (must never exceed 1). */
  readonly applications = new Map<string, number>();
  #answers = new Map<string, Answer['results'][number] & { txid: number }>();
  #log: LogEntry[] = [];
  #position = 0;
  #txid = 1000;
  #epoch = 1;
  #waiters = new Set<() => void>();
  /** Owner of rows inserted without a user_id (the fake has no auth). */
  userId = '00000000-0000-4000-8000-000000000001';
  /** When set, requests must carry `Bearer <validToken>`; others get 401. */
  validToken: string | undefined;
  /** Long-poll hold; short in tests. */
  holdMs = 25;
  /** When true, the next mutation batch is applied but its answer is lost. */
  loseNextAnswer = false;

  readonly #instance = Math.random().toString(36).slice(2, 10);
  /** Every shape request, for assertions about resuming. */
  readonly shapeRequests: URL[] = [];

  // Handles are never reused, across server instances too (the client remembers expired ones).
  #handle(table: string): string {
    return `${table}-${this.#instance}-${this.#epoch}`;
  }

  /** Forgets the change log (as a restart with a rebuilt log would): every client gets a 409. */
  restart(): void {
    this.#epoch++;
    this.#log = [];
    for (const w of this.#waiters) w();
  }

  /** A fetch for one device; `isOnline` simulates that device's connectivity. */
  fetchFor(isOnline: () => boolean): typeof fetch {
    return async (input, init) => {
      if (!isOnline()) throw new TypeError('fetch failed (offline)');
      const auth = new Headers(init?.headers).get('authorization');
      if (this.validToken !== undefined && auth !== `Bearer ${this.validToken}`) {
        return Response.json({ detail: 'Token expired' }, { status: 401 });
      }
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      );
      const signal = init?.signal ?? undefined;
      if (url.pathname === '/v1/shape') {
        this.shapeRequests.push(url);
        return this.#shape(url, signal);
      }
      if (url.pathname === '/api/v1/sync/mutations') {
        const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
          mutations: MutationIn[];
        };
        const answer = this.#mutate(body.mutations);
        if (this.loseNextAnswer) {
          this.loseNextAnswer = false;
          throw new TypeError('fetch failed (connection reset)');
        }
        if (!isOnline()) throw new TypeError('fetch failed (offline)');
        return Response.json(answer);
      }
      return Response.json({ detail: 'Not Found' }, { status: 404 });
    };
  }

  /** Adds a row as if it existed before (e.g. the user's own row). */
  seed(table: SyncedTableName, row: Record<string, unknown>): void {
    const text: TextRow = {};
    for (const c of SYNCED_TABLES[table].columns) text[c.name] = toText(row[c.name]);
    this.rows.get(table)?.set(text[this.#pk(table)] ?? '', text);
  }

  /** The server's emission for an activity row (same engine as the device). */
  #emission(txid: number, activity: TextRow, op: 'insert' | 'update'): TextRow {
    const user = [...(this.rows.get('users')?.values() ?? [])][0];
    const c = activityEmission({
      activityType: activity.activity_type ?? null,
      amount: Number(activity.amount),
      unit: activity.unit ?? '',
      factorKey: activity.factor_key ?? null,
      fuelType: activity.fuel_type ?? null,
      region: activity.region ?? null,
      gwpSet: ((activity.gwp_set ?? user?.gwp_set) as GwpSet | null) ?? 'AR5',
      defaultRegion: user?.default_region ?? 'GLOBAL',
    });
    const emissions = this.rows.get('emissions') as Map<string, TextRow>;
    const existing = [...emissions.values()].find((e) => e.activity_id === activity.activity_id);
    const r = c.result;
    const row: TextRow = {
      emission_id:
        existing?.emission_id ??
        `e${String(txid).padStart(7, '0')}-0000-4000-8000-${(activity.activity_id ?? '').slice(-12)}`,
      activity_id: activity.activity_id ?? null,
      user_id: activity.user_id ?? null,
      org_id: activity.org_id ?? null,
      co2_equivalent: String(r.co2eKg),
      co2_kg: String(r.co2Kg),
      ch4_kg: String(r.ch4Kg),
      n2o_kg: String(r.n2oKg),
      biogenic_co2_kg: String(r.biogenicCo2Kg),
      co2e_basis: r.co2eBasis,
      factor_key: r.factor.key,
      factor_year: String(r.factor.year),
      factor_source: r.factor.source,
      gwp_set: r.gwpSet,
      scope: r.factor.scope,
      scope3_category: r.factor.scope3Category === null ? null : String(r.factor.scope3Category),
      category: r.factor.category,
      converted_amount: String(r.convertedAmount),
      factor_unit: r.factorUnit,
      timestamp: activity.timestamp ?? null,
      created_at: '2025-01-01 00:00:00+00',
      updated_at: '2025-01-01 00:00:00+00',
    };
    emissions.set(row.emission_id ?? '', row);
    this.#append(txid, 'emissions', existing && op === 'update' ? 'update' : 'insert', row);
    return row;
  }

  #pk(table: string): string {
    return SYNCED_TABLES[table as SyncedTableName].primaryKey[0] as string;
  }

  #append(txid: number, table: string, op: LogEntry['op'], value: TextRow): void {
    this.#log.push({ position: ++this.#position, txid, table, op, value });
  }

  #mutate(mutations: MutationIn[]): Answer {
    const txid = ++this.#txid;
    const results: Answer['results'] = [];
    for (const m of mutations) {
      const first = this.#answers.get(m.mutation_id);
      if (first) {
        results.push({
          mutation_id: m.mutation_id,
          status: first.status,
          ...(first.detail ? { detail: first.detail } : {}),
        });
        continue;
      }
      const verdict = this.#apply(txid, m);
      this.#answers.set(m.mutation_id, { ...verdict, txid });
      results.push(verdict);
    }
    for (const w of this.#waiters) w();
    return { txid, results };
  }

  #apply(txid: number, m: MutationIn): Answer['results'][number] {
    const table = this.rows.get(m.table);
    const reject = (detail: string) => ({
      mutation_id: m.mutation_id,
      status: 'rejected' as const,
      detail,
    });
    if (!table) return reject(`table ${m.table} is not writable`);
    const pk = this.#pk(m.table);
    const fields = m.op === 'update' ? (m.changes ?? {}) : (m.row ?? {});
    const id = toText(fields[pk]);
    if (!id) return reject(`${pk}: required`);
    if (typeof fields.target_value === 'number' && fields.target_value < 0) {
      return reject('target_value: must be at least 0');
    }
    const now = '2025-01-01 00:00:00+00';
    switch (m.op) {
      case 'insert': {
        if (table.has(id)) return reject(`${pk} ${id} already exists`);
        const row: TextRow = {};
        for (const c of SYNCED_TABLES[m.table as SyncedTableName].columns) {
          row[c.name] =
            toText(fields[c.name]) ?? (c.name.endsWith('_at') ? now : c.notNull ? '' : null);
        }
        if ('user_id' in row && !row.user_id) row.user_id = this.userId;
        if (m.table === 'activities') {
          row.timestamp = row.timestamp ? row.timestamp.replace('T', ' ').replace('Z', '+00') : now;
          row.data_quality = row.data_quality || 'measured';
          let emission: TextRow;
          try {
            emission = this.#emission(txid, row, 'insert');
          } catch (err) {
            return reject((err as Error).message);
          }
          row.category = emission.category ?? null;
          row.factor_key = emission.factor_key ?? null;
          row.activity_type ||= ACTIVITY_TYPE_BY_CATEGORY[row.category ?? ''] ?? 'Other';
        }
        table.set(id, row);
        this.#append(txid, m.table, 'insert', row);
        break;
      }
      case 'update': {
        const row = table.get(id);
        if (!row) return reject(`${pk} ${id} not found`);
        const changed: TextRow = { [pk]: id };
        for (const [k, v] of Object.entries(fields)) {
          if (k === pk || !(k in row)) continue;
          row[k] = toText(v);
          changed[k] = row[k] ?? null;
        }
        this.#append(txid, m.table, 'update', changed);
        if (m.table === 'activities') this.#emission(txid, row, 'update');
        break;
      }
      case 'delete':
        if (!table.delete(id)) return reject(`${pk} ${id} not found`);
        this.#append(txid, m.table, 'delete', { [pk]: id });
        if (m.table === 'activities') {
          const emissions = this.rows.get('emissions') as Map<string, TextRow>;
          for (const [eid, e] of emissions) {
            if (e.activity_id !== id) continue;
            emissions.delete(eid);
            this.#append(txid, 'emissions', 'delete', { emission_id: eid });
          }
        }
        break;
    }
    this.applications.set(m.mutation_id, (this.applications.get(m.mutation_id) ?? 0) + 1);
    return { mutation_id: m.mutation_id, status: 'applied' };
  }

  async #shape(url: URL, signal: AbortSignal | undefined): Promise<Response> {
    const table = url.searchParams.get('table') ?? '';
    const rows = this.rows.get(table);
    if (!rows) return Response.json({ detail: `unknown table ${table}` }, { status: 400 });
    const offset = url.searchParams.get('offset') ?? '-1';
    const live = url.searchParams.get('live') === 'true';
    const handle = this.#handle(table);
    const headers = (offsetOut: string): Record<string, string> => ({
      'electric-handle': handle,
      'electric-offset': offsetOut,
      ...(live
        ? { 'electric-cursor': String(Date.now()) }
        : {
            'electric-schema': JSON.stringify(
              electricSchema(SYNCED_TABLES[table as SyncedTableName]),
            ),
          }),
      'electric-up-to-date': '',
    });
    const upToDate = {
      headers: { control: 'up-to-date', global_last_seen_lsn: String(this.#position) },
    };
    const key = (v: TextRow) => `"public"."${table}"/"${v[this.#pk(table)] ?? ''}"`;

    if (offset === '-1') {
      const body = [...rows.values()].map((value) => ({
        key: key(value),
        value,
        headers: { operation: 'insert', relation: ['public', table] },
      }));
      return Response.json([...body, upToDate], { headers: headers(`${this.#position}_0`) });
    }
    if (url.searchParams.get('handle') !== handle) {
      return Response.json([{ headers: { control: 'must-refetch' } }], {
        status: 409,
        headers: { 'electric-handle': handle },
      });
    }
    const from = Number(offset.split('_')[0]);
    let entries = this.#log.filter((e) => e.position > from && e.table === table);
    if (entries.length === 0 && live) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, this.holdMs);
        this.#waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      if (url.searchParams.get('handle') !== this.#handle(table)) {
        return Response.json([{ headers: { control: 'must-refetch' } }], {
          status: 409,
          headers: { 'electric-handle': this.#handle(table) },
        });
      }
      entries = this.#log.filter((e) => e.position > from && e.table === table);
    }
    const last = entries.length ? (entries[entries.length - 1] as LogEntry).position : from;
    const end = entries.length ? last : Math.max(from, this.#position);
    const body = entries.map((e) => ({
      key: key(e.value),
      value: e.value,
      headers: {
        operation: e.op,
        relation: ['public', table],
        txids: [e.txid],
        lsn: String(e.position),
      },
    }));
    return Response.json([...body, upToDate], { headers: headers(`${end}_0`) });
  }
}
