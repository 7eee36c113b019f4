/**
 * Which fields of a locally written row go over the wire. The outbox keeps the whole row the device
 * shows (user_id, timestamps, the category it derived) so overlays can be rebuilt from it; the
 * server takes only what a client may set and derives the rest itself.
 */
import type { Op } from '../store/overlay.ts';

const ACTIVITY_FIELDS = [
  'activity_id',
  'activity_type',
  'amount',
  'unit',
  'factor_key',
  'description',
  'timestamp',
  'location',
  'fuel_type',
  'region',
  'org_id',
  'gwp_set',
  'data_quality',
];

const WRITABLE_FIELDS: Record<string, readonly string[]> = {
  activities: ACTIVITY_FIELDS,
  goals: [
    'goal_id',
    'org_id',
    'goal_type',
    'description',
    'target_value',
    'unit',
    'start_date',
    'end_date',
    'status',
  ],
  users: [
    'user_id',
    'display_name',
    'unit_system',
    'default_region',
    'gwp_set',
    'leaderboard_opt_in',
  ],
  user_recommendations: ['user_recommendation_id', 'recommendation_id', 'seen', 'acted_on'],
};

const PRIMARY_KEYS: Record<string, string> = {
  activities: 'activity_id',
  goals: 'goal_id',
  users: 'user_id',
  user_recommendations: 'user_recommendation_id',
};

/** The wire fields of a mutation: insert → writable fields; update → PK + changed; delete → PK. */
export function wireRow(
  table: string,
  op: Op,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const pk = PRIMARY_KEYS[table];
  if (op === 'delete') return pk ? { [pk]: payload[pk] } : { ...payload };
  const allowed = WRITABLE_FIELDS[table];
  if (!allowed) return { ...payload };
  const out: Record<string, unknown> = {};
  for (const f of allowed) if (f in payload) out[f] = payload[f];
  return out;
}
