/**
 * The activities writer: an activity mutation writes the activity's overlay AND the emission the
 * device calculated for it, so totals and dashboards include the write at once. The server
 * recalculates with the same engine; its emission row (another emission_id) replaces ours through
 * the re-keying on emissions.activity_id (shape-apply.ts) and the txid handshake.
 *
 * The payload is what goes over the wire (the user's fields); everything else — category, the
 * factor actually used, owner, timestamps, the emission — is derived here, from the payload and
 * the replica, the same way on first write and on every replay.
 */
import {
  ACTIVITY_TYPE_BY_CATEGORY,
  EmissionError,
  type ActivityEmission,
  type ActivityEmissionSpec,
  type GwpSet,
  type ReplicaTable,
} from '@eco-track/shared-schema';
import type { SqlRunner } from '../db/sql-db.ts';
import { loadEngine } from '../domain/engine.ts';
import { uuidv7 } from '../domain/uuidv7.ts';
import type { LocalMutation } from './outbox.ts';
import { dropOverlays } from './merged-rows.ts';
import { overlayClear, overlayDelete, overlayInsert, overlayUpdate } from './overlay.ts';
import { serverDefaults, type TableWriter, type WriterContext } from './local-writes.ts';

interface CurrentActivity {
  activity_id: string;
  user_id: string;
  org_id: string | null;
  activity_type: string;
  description: string | null;
  amount: number;
  unit: string;
  factor_key: string | null;
  fuel_type: string | null;
  region: string | null;
  location: string | null;
  gwp_set: GwpSet | null;
  data_quality: string;
  timestamp: string;
}

interface CurrentEmission {
  emission_id: string;
  factor_key: string;
  factor_year: number;
  gwp_set: GwpSet;
}

async function prefs(
  tx: SqlRunner,
  userId: string | null,
): Promise<{ gwpSet: GwpSet | null; defaultRegion: string }> {
  const u = userId
    ? await tx.get<{ gwp_set: GwpSet; default_region: string }>(
        'SELECT gwp_set, default_region FROM users WHERE user_id = ?',
        [userId],
      )
    : undefined;
  return { gwpSet: u?.gwp_set ?? null, defaultRegion: u?.default_region ?? 'GLOBAL' };
}

async function orgGwp(tx: SqlRunner, orgId: string): Promise<GwpSet> {
  const o = await tx.get<{ gwp_set: GwpSet }>(
    'SELECT gwp_set FROM organizations WHERE org_id = ?',
    [orgId],
  );
  return o?.gwp_set ?? 'AR5';
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const has = (o: Record<string, unknown>, k: string) => k in o && o[k] !== undefined;

async function tryCompute(
  spec: ActivityEmissionSpec,
  strict: boolean,
): Promise<ActivityEmission | null> {
  const { activityEmission } = await loadEngine();
  try {
    return activityEmission(spec);
  } catch (err) {
    // A new command refuses (the caller turns the error into a message). A replay, e.g. after a
    // factor-library change, keeps the activity visible without a device-side emission until the
    // server's arrives.
    if (err instanceof EmissionError && !strict) return null;
    throw err;
  }
}

function emissionRow(
  c: ActivityEmission,
  a: { activity_id: string; user_id: string | null; org_id: string | null; timestamp: string },
  emissionId: string,
  at: string,
): Record<string, unknown> {
  const r = c.result;
  return {
    emission_id: emissionId,
    activity_id: a.activity_id,
    user_id: a.user_id,
    org_id: a.org_id,
    co2_equivalent: r.co2eKg,
    co2_kg: r.co2Kg,
    ch4_kg: r.ch4Kg,
    n2o_kg: r.n2oKg,
    biogenic_co2_kg: r.biogenicCo2Kg,
    co2e_basis: r.co2eBasis,
    factor_key: r.factor.key,
    factor_year: r.factor.year,
    factor_source: r.factor.source,
    gwp_set: r.gwpSet,
    scope: r.factor.scope,
    scope3_category: r.factor.scope3Category,
    category: r.factor.category,
    converted_amount: r.convertedAmount,
    factor_unit: r.factorUnit,
    timestamp: a.timestamp,
    created_at: at,
    updated_at: at,
  };
}

/** Updating a row this device cannot see. */
export class NotVisibleError extends Error {
  constructor(id: string) {
    super(`activity ${id} not found`);
    this.name = 'NotVisibleError';
  }
}

export function activityWriter(
  activities: ReplicaTable,
  emissions: ReplicaTable,
  ctx: WriterContext,
): TableWriter {
  const currentEmission = (tx: SqlRunner, activityId: string) =>
    tx.get<CurrentEmission>(
      'SELECT emission_id, factor_key, factor_year, gwp_set FROM emissions WHERE activity_id = ?',
      [activityId],
    );

  async function insert(
    tx: SqlRunner,
    m: LocalMutation,
    at: string,
    strict: boolean,
  ): Promise<void> {
    const p = m.payload;
    const orgId = str(p.org_id);
    const { gwpSet: userGwp, defaultRegion } = await prefs(tx, ctx.userId);
    const gwpSet =
      (str(p.gwp_set) as GwpSet | null) ?? (orgId ? await orgGwp(tx, orgId) : userGwp) ?? 'AR5';
    const computed = await tryCompute(
      {
        activityType: str(p.activity_type),
        amount: Number(p.amount),
        unit: String(p.unit),
        factorKey: str(p.factor_key),
        fuelType: str(p.fuel_type),
        region: str(p.region),
        gwpSet,
        defaultRegion,
      },
      strict,
    );
    const factor = computed?.result.factor;
    const timestamp = str(p.timestamp) ?? at;
    const row = {
      ...serverDefaults(activities, ctx, at),
      activity_id: m.row_id,
      org_id: orgId,
      activity_type:
        str(p.activity_type) ??
        (factor ? (ACTIVITY_TYPE_BY_CATEGORY[factor.category] ?? factor.category) : 'Other'),
      category: factor?.category ?? null,
      description: str(p.description),
      amount: Number(p.amount),
      unit: String(p.unit),
      factor_key: factor?.key ?? str(p.factor_key),
      fuel_type: str(p.fuel_type),
      region: str(p.region),
      location: str(p.location),
      gwp_set: str(p.gwp_set),
      data_quality: str(p.data_quality) ?? 'measured',
      timestamp,
    };
    await overlayInsert(tx, activities, row, m.mutation_id);
    if (computed) {
      const existing = await currentEmission(tx, m.row_id);
      const id = existing?.emission_id ?? uuidv7(Date.parse(at));
      await overlayInsert(
        tx,
        emissions,
        emissionRow(computed, { ...row, user_id: ctx.userId }, id, at),
        m.mutation_id,
      );
    }
  }

  async function update(
    tx: SqlRunner,
    m: LocalMutation,
    at: string,
    strict: boolean,
  ): Promise<void> {
    const ch = m.payload;
    const cur = await tx.get<CurrentActivity>('SELECT * FROM activities WHERE activity_id = ?', [
      m.row_id,
    ]);
    if (!cur) {
      if (strict) throw new NotVisibleError(m.row_id);
      return; // not visible (deleted, or never synced here): the server decides
    }
    const em = await currentEmission(tx, m.row_id);
    const orgChanged = has(ch, 'org_id') && (str(ch.org_id) ?? null) !== cur.org_id;
    const orgId = orgChanged ? str(ch.org_id) : cur.org_id;
    const { gwpSet: userGwp, defaultRegion } = await prefs(tx, cur.user_id);
    const preferred = orgId ? await orgGwp(tx, orgId) : (userGwp ?? 'AR5');
    const ownGwp = has(ch, 'gwp_set') ? (str(ch.gwp_set) as GwpSet | null) : cur.gwp_set;
    const gwpSet =
      ownGwp ?? (has(ch, 'gwp_set') || orgChanged ? preferred : (em?.gwp_set ?? preferred));
    const pick = <K extends keyof CurrentActivity>(k: K): CurrentActivity[K] =>
      has(ch, k) ? (ch[k] as CurrentActivity[K]) : cur[k];
    const next = {
      activity_type: str(ch.activity_type) ?? cur.activity_type,
      description: pick('description'),
      amount: has(ch, 'amount') ? Number(ch.amount) : cur.amount,
      unit: str(ch.unit) ?? cur.unit,
      timestamp: str(ch.timestamp) ?? cur.timestamp,
      location: pick('location'),
      fuel_type: pick('fuel_type'),
      region: pick('region'),
      data_quality: str(ch.data_quality) ?? cur.data_quality,
    };
    const reselect =
      (has(ch, 'factor_key') && ch.factor_key === null) ||
      (!has(ch, 'factor_key') &&
        (next.activity_type !== cur.activity_type ||
          next.fuel_type !== cur.fuel_type ||
          next.region !== cur.region));
    const pinned = str(ch.factor_key) ?? (reselect ? null : cur.factor_key);
    const keepEdition = pinned !== null && pinned === em?.factor_key;
    const computed = await tryCompute(
      {
        activityType: next.activity_type,
        amount: next.amount,
        unit: next.unit,
        factorKey: pinned,
        factorYear: keepEdition ? em.factor_year : undefined,
        fuelType: next.fuel_type,
        region: next.region,
        gwpSet,
        defaultRegion,
      },
      strict,
    );
    const factor = computed?.result.factor;
    await overlayUpdate(
      tx,
      activities,
      m.row_id,
      {
        ...next,
        org_id: orgId,
        gwp_set: ownGwp,
        ...(factor ? { category: factor.category, factor_key: factor.key } : {}),
        updated_at: at,
      },
      m.mutation_id,
    );
    if (computed) {
      const id = em?.emission_id ?? uuidv7(Date.parse(at));
      const row = emissionRow(
        computed,
        { activity_id: m.row_id, user_id: cur.user_id, org_id: orgId, timestamp: next.timestamp },
        id,
        at,
      );
      await overlayInsert(tx, emissions, row, m.mutation_id);
    }
  }

  async function remove(tx: SqlRunner, m: LocalMutation): Promise<void> {
    await overlayDelete(tx, activities, m.row_id, m.mutation_id);
    const em = await currentEmission(tx, m.row_id);
    // The tombstone remembers its activity, so clear() can find it.
    if (em) {
      await overlayDelete(tx, emissions, em.emission_id, m.mutation_id, { activity_id: m.row_id });
    }
  }

  return {
    touches: [activities.name, emissions.name],
    async apply(tx, m, at, opts) {
      const strict = opts?.strict === true;
      switch (m.op) {
        case 'insert':
          return insert(tx, m, at, strict);
        case 'update':
          return update(tx, m, at, strict);
        case 'delete':
          return remove(tx, m);
      }
    },
    async clear(tx, rowId) {
      await overlayClear(tx, activities, rowId);
      const ems = await tx.all<{ id: string }>(
        'SELECT emission_id AS id FROM emissions_local WHERE activity_id = ?',
        [rowId],
      );
      await dropOverlays(
        tx,
        emissions,
        ems.map((e) => e.id),
      );
    },
  };
}
