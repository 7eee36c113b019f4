/** Contractual instruments an organisation records for market-based Scope 2 (migration 0031). */
import {
  InstrumentCreateRequestSchema,
  type InstrumentCreateRequest,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Instrument } from './scope2-market.ts';

/** The request body, validated by InstrumentCreateRequestSchema (shared-schema). */
export type InstrumentInput = InstrumentCreateRequest;
export const instrumentInputSchema = InstrumentCreateRequestSchema;

export type InstrumentRow = Instrument & {
  org_id: string;
  description: string | null;
  evidence_ref: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

const COLUMNS = `instrument_id, org_id, instrument_type, certificate_scheme, supplier, description,
  period_start, period_end, regions, quantity_kwh, emission_factor_kg_per_kwh, evidence_ref,
  created_by, created_at, updated_at`;

const normalise = (r: InstrumentRow): InstrumentRow => ({
  ...r,
  regions: r.regions ? r.regions.map((x) => x.toUpperCase()) : null,
  quantity_kwh: r.quantity_kwh === null ? null : Number(r.quantity_kwh),
  emission_factor_kg_per_kwh: Number(r.emission_factor_kg_per_kwh),
});

export async function listInstruments(tx: Queryable, orgId: string): Promise<InstrumentRow[]> {
  const rows = await tx.query<InstrumentRow>(
    `SELECT ${COLUMNS} FROM esg_contractual_instruments WHERE org_id = $1::uuid
     ORDER BY period_start, instrument_id`,
    [orgId],
  );
  return rows.map(normalise);
}

export async function createInstrument(
  tx: Queryable,
  orgId: string,
  userId: string,
  input: InstrumentInput,
): Promise<InstrumentRow> {
  const [row] = await tx.query<InstrumentRow>(
    `INSERT INTO esg_contractual_instruments (org_id, instrument_type, certificate_scheme, supplier,
       description, period_start, period_end, regions, quantity_kwh, emission_factor_kg_per_kwh,
       evidence_ref, created_by)
     VALUES ($1::uuid, $2, $3, $4, $5, $6::date, $7::date, $8::varchar[], $9::numeric, $10::numeric,
       $11, $12::uuid)
     RETURNING ${COLUMNS}`,
    [
      orgId,
      input.instrument_type,
      input.certificate_scheme ?? null,
      input.supplier ?? null,
      input.description ?? null,
      input.period_start,
      input.period_end,
      input.regions ? input.regions.map((r) => r.toUpperCase()) : null,
      input.quantity_kwh ?? null,
      input.emission_factor_kg_per_kwh,
      input.evidence_ref ?? null,
      userId,
    ],
  );
  if (!row) throw new ValidationError('instrument was not stored');
  return normalise(row);
}

export async function deleteInstrument(
  tx: Queryable,
  orgId: string,
  instrumentId: string,
): Promise<void> {
  const rows = await tx.query(
    'DELETE FROM esg_contractual_instruments WHERE org_id = $1::uuid AND instrument_id = $2::uuid RETURNING 1',
    [orgId, instrumentId],
  );
  if (rows.length === 0) throw new NotFoundError('Instrument not found');
}
