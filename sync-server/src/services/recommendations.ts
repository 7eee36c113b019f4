/**
 * Recommendations ranked for one person from their own footprint.
 *
 *   window       the 12 months before now: [now - 1 year, now)
 *   C(cat)       the person's kg CO2e in each category over the window ("annual emissions").
 *                Road-vehicle trips logged by distance use factors their sources file under
 *                'travel' (business travel: travel.car.*, travel.taxi.*, ...); for a person's
 *                footprint a car trip is transportation, and the car recommendations (electric
 *                car, eco-driving, ...) address it, so those emissions count as transportation.
 *                Flights, rail, coach, ferries and hotels stay travel.
 *   share        C(cat) / total x 100, one decimal
 *   saving       estimated kg CO2e saved per year = C(rec.category) x rec.estimated_reduction_pct / 100
 *                (three decimals; a person with less than a year of history gets a conservative,
 *                not an extrapolated, figure)
 *   order        not yet acted on first; then saving descending; then the catalogue's typical
 *                reduction % descending; then recommendation_id, so the order is total and stable
 *
 * Each item carries a `reason` sentence built from those numbers. Marking a recommendation seen or
 * acted on upserts the person's user_recommendations row (acted on implies seen).
 */
import type {
  RankedRecommendation,
  Recommendation,
  RecommendationListQuery,
  UserRecommendation,
} from '@eco-track/shared-schema';
import type { Queryable } from '../db/types.ts';
import { uuidv7 } from './ids.ts';
import { NotFoundError } from '../errors.ts';
import { evaluateAchievements } from './achievements.ts';
import type { Actor, Clock } from './goals.ts';
import { round } from './periods.ts';

interface RecommendationRow extends Recommendation {
  seen: boolean | null;
  acted_on: boolean | null;
  [k: string]: unknown;
}

/** The start of the 12-month window ending at `now`. */
export function yearBefore(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

/** Factor keys of road-vehicle trips that their sources file under 'travel' (see above). */
export const ROAD_TRAVEL_KEY = '^travel(_wtt)?\\.(car|motorbike|motorcycle|taxi)\\.';

/** kg CO2e per category of a person's emissions in [from, to), road trips as transportation. */
export async function footprintByCategory(
  tx: Queryable,
  userId: string,
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  const rows = await tx.query<{ category: string; total: number }>(
    // Sum per (category, factor) first, so the pattern is matched once per factor, not per row.
    `SELECT CASE WHEN factor_key ~ $4::text THEN 'transportation' ELSE category END AS category,
            SUM(total) AS total
       FROM (SELECT category, factor_key, SUM(co2_equivalent) AS total FROM emissions
              WHERE user_id = $1::uuid
                AND "timestamp" >= $2::timestamptz AND "timestamp" < $3::timestamptz
              GROUP BY category, factor_key) per_factor
      GROUP BY 1`,
    [userId, from.toISOString(), to.toISOString(), ROAD_TRAVEL_KEY],
  );
  return new Map(rows.map((r) => [r.category, Number(r.total)]));
}

const kg = (n: number): string => `${n.toFixed(1)} kg CO2e`;

function reasonFor(
  category: string,
  pct: number,
  annual: number,
  share: number | null,
  saved: number,
  actedOn: boolean,
): string {
  const label = category.charAt(0).toUpperCase() + category.slice(1);
  const typical = `it typically cuts ${category} emissions by about ${pct}%`;
  let text: string;
  if (share === null) {
    text = `Log your activities to personalise this; ${typical}.`;
  } else if (annual <= 0) {
    text = `You logged no ${category} emissions in the last 12 months, so there is nothing to save here yet; ${typical}.`;
  } else {
    text =
      `${label} is ${share}% of your footprint over the last 12 months (${kg(annual)}); ` +
      `${typical}, about ${kg(saved)} a year.`;
  }
  return actedOn ? `You have already acted on this. ${text}` : text;
}

/** The catalogue ranked for the actor (see the module comment). */
export async function rankRecommendations(
  tx: Queryable,
  actor: Actor,
  query: RecommendationListQuery,
  clock: Clock = {},
): Promise<RankedRecommendation[]> {
  const now = clock.now ?? new Date();
  const byCategory = await footprintByCategory(tx, actor.userId, yearBefore(now), now);
  let total = 0;
  for (const v of byCategory.values()) total += v;
  const rows = await tx.query<RecommendationRow>(
    `SELECT r.recommendation_id, r.activity_type, r.description, r.impact_description, r.category,
            r.source, r.source_url, r.estimated_reduction_pct, r.data, ur.seen, ur.acted_on
       FROM recommendations r
       LEFT JOIN user_recommendations ur
         ON ur.recommendation_id = r.recommendation_id AND ur.user_id = $1::uuid
      WHERE ($2::text IS NULL OR r.category = $2::text)`,
    [actor.userId, query.category ?? null],
  );
  const ranked = rows.map((r) => {
    const annual = byCategory.get(r.category) ?? 0;
    const pct = r.estimated_reduction_pct ?? 0;
    const share = total > 0 ? round((annual / total) * 100, 1) : null;
    const saved = round((annual * pct) / 100, 3);
    const actedOn = r.acted_on ?? false;
    return {
      recommendation_id: r.recommendation_id,
      activity_type: r.activity_type,
      description: r.description,
      impact_description: r.impact_description,
      category: r.category,
      source: r.source,
      source_url: r.source_url,
      estimated_reduction_pct: r.estimated_reduction_pct,
      data: r.data,
      rank: 0,
      category_share_pct: share,
      category_annual_kg: annual,
      estimated_kg_co2e_saved_per_year: saved,
      reason: reasonFor(r.category, pct, annual, share, saved, actedOn),
      seen: r.seen ?? false,
      acted_on: actedOn,
    } satisfies RankedRecommendation;
  });
  ranked.sort(
    (a, b) =>
      Number(a.acted_on) - Number(b.acted_on) ||
      b.estimated_kg_co2e_saved_per_year - a.estimated_kg_co2e_saved_per_year ||
      (b.estimated_reduction_pct ?? 0) - (a.estimated_reduction_pct ?? 0) ||
      (a.recommendation_id < b.recommendation_id ? -1 : 1),
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return query.limit ? ranked.slice(0, query.limit) : ranked;
}

/**
 * Marks a recommendation seen, or acted on (which also marks it seen), for the actor; repeating it
 * is harmless. Acting on one can earn an achievement, so achievements are evaluated after.
 */
export async function markRecommendation(
  tx: Queryable,
  actor: Actor,
  recommendationId: string,
  mark: 'seen' | 'acted_on',
  clock: Clock = {},
): Promise<UserRecommendation> {
  const [exists] = await tx.query(
    'SELECT 1 FROM recommendations WHERE recommendation_id = $1::uuid',
    [recommendationId],
  );
  if (!exists) throw new NotFoundError('Recommendation not found');
  const actedOn = mark === 'acted_on';
  const [row] = await tx.query<Omit<UserRecommendation, 'message'> & Record<string, unknown>>(
    `INSERT INTO user_recommendations (user_recommendation_id, user_id, recommendation_id, seen, acted_on)
     VALUES ($1::uuid, $2::uuid, $3::uuid, true, $4::boolean)
     ON CONFLICT (user_id, recommendation_id) DO UPDATE
       SET seen = true,
           acted_on = user_recommendations.acted_on OR EXCLUDED.acted_on,
           "timestamp" = now()
     RETURNING user_recommendation_id, user_id, recommendation_id, seen, acted_on, "timestamp"`,
    [uuidv7(), actor.userId, recommendationId, actedOn],
  );
  if (!row) throw new Error('user_recommendations upsert returned no row');
  if (actedOn) await evaluateAchievements(tx, actor.userId, clock);
  return {
    message: actedOn ? 'Recommendation marked as acted on' : 'Recommendation marked as seen',
    user_recommendation_id: row.user_recommendation_id,
    user_id: row.user_id,
    recommendation_id: row.recommendation_id,
    seen: row.seen,
    acted_on: row.acted_on,
    timestamp: row.timestamp,
  };
}
