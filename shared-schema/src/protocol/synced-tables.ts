/**
 * What the server syncs: for each synced table, its primary key, the columns a replica receives
 * (with their Postgres types and nullability, exactly as migrations/0001_schema.sql defines them)
 * and who may see a row. The device generates its SQLite replica from this; the server builds the
 * `electric-schema` header, the snapshot queries and the change filters from it; a server test
 * checks every entry against the live database (types, NOT NULL, and the capture triggers).
 *
 * Visibility, decided by the server from the access token, never by the client:
 *   own         rows whose user column is the user
 *   own_or_org  own rows, plus rows whose org column names an organisation where the user holds
 *               one of `orgRoles`
 *   org         rows whose org column names an organisation where the user holds one of `orgRoles`
 *   public      every row (the catalogues)
 */
export type PgType =
  | 'uuid'
  | 'text'
  | 'varchar'
  | 'numeric'
  | 'int2'
  | 'int4'
  | 'int8'
  | 'float8'
  | 'bool'
  | 'date'
  | 'timestamptz'
  | 'jsonb';

export interface SyncedColumn {
  readonly name: string;
  readonly type: PgType;
  readonly notNull: boolean;
  /** varchar(n) */
  readonly maxLength?: number;
}

export type MembershipRole = 'owner' | 'admin' | 'member' | 'viewer';
export const ALL_MEMBERSHIP_ROLES: readonly MembershipRole[] = [
  'owner',
  'admin',
  'member',
  'viewer',
];
/** Roles that read an organisation's activity data (viewers read its reports only). */
export const ORG_DATA_ROLES: readonly MembershipRole[] = ['owner', 'admin', 'member'];

export type Visibility =
  | { readonly kind: 'own'; readonly userColumn: string }
  | {
      readonly kind: 'own_or_org';
      readonly userColumn: string;
      readonly orgColumn: string;
      readonly orgRoles: readonly MembershipRole[];
    }
  | {
      readonly kind: 'org';
      readonly orgColumn: string;
      readonly orgRoles: readonly MembershipRole[];
    }
  | { readonly kind: 'public' };

export interface SyncedTable {
  readonly name: SyncedTableName;
  /** Primary-key columns, in key order (every synced table has a single UUID key). */
  readonly primaryKey: readonly string[];
  readonly columns: readonly SyncedColumn[];
  readonly visibility: Visibility;
}

export const SYNCED_TABLE_NAMES = [
  'users',
  'organizations',
  'memberships',
  'activities',
  'emissions',
  'goals',
  'reports',
  'user_recommendations',
  'user_challenges',
  'user_achievements',
  'emission_factors',
  'recommendations',
  'challenges',
  'achievements',
] as const;
export type SyncedTableName = (typeof SYNCED_TABLE_NAMES)[number];

// Short constructors keep the table below readable.
const uuid = (name: string, notNull = true): SyncedColumn => ({ name, type: 'uuid', notNull });
const vc = (name: string, maxLength: number, notNull = false): SyncedColumn => ({
  name,
  type: 'varchar',
  notNull,
  maxLength,
});
const col = (name: string, type: PgType, notNull = false): SyncedColumn => ({
  name,
  type,
  notNull,
});
const NN = true;
const stamps = [col('created_at', 'timestamptz', NN), col('updated_at', 'timestamptz', NN)];

const own: Visibility = { kind: 'own', userColumn: 'user_id' };
const ownOrOrgData: Visibility = {
  kind: 'own_or_org',
  userColumn: 'user_id',
  orgColumn: 'org_id',
  orgRoles: ORG_DATA_ROLES,
};
const pub: Visibility = { kind: 'public' };

export const SYNCED_TABLES: Readonly<Record<SyncedTableName, SyncedTable>> = {
  // The user's own row only; password_hash is never synced.
  users: {
    name: 'users',
    primaryKey: ['user_id'],
    visibility: own,
    columns: [
      uuid('user_id'),
      vc('username', 50, NN),
      vc('email', 255, NN),
      vc('first_name', 50),
      vc('last_name', 50),
      vc('company_name', 255),
      vc('user_type', 20, NN),
      vc('display_name', 80),
      vc('unit_system', 10, NN),
      vc('default_region', 16, NN),
      vc('gwp_set', 3, NN),
      col('leaderboard_opt_in', 'bool', NN),
      ...stamps,
    ],
  },
  organizations: {
    name: 'organizations',
    primaryKey: ['org_id'],
    visibility: { kind: 'org', orgColumn: 'org_id', orgRoles: ALL_MEMBERSHIP_ROLES },
    columns: [
      uuid('org_id'),
      vc('name', 255, NN),
      vc('join_code', 32, NN),
      vc('industry', 100),
      col('employees', 'int4'),
      col('revenue', 'numeric'),
      vc('revenue_currency', 3, NN),
      vc('gwp_set', 3, NN),
      vc('consolidation_approach', 30, NN),
      col('base_year', 'int4'),
      uuid('created_by', false),
      ...stamps,
    ],
  },
  memberships: {
    name: 'memberships',
    primaryKey: ['membership_id'],
    visibility: { kind: 'org', orgColumn: 'org_id', orgRoles: ALL_MEMBERSHIP_ROLES },
    columns: [
      uuid('membership_id'),
      uuid('org_id'),
      uuid('user_id'),
      vc('role', 10, NN),
      ...stamps,
    ],
  },
  activities: {
    name: 'activities',
    primaryKey: ['activity_id'],
    visibility: ownOrOrgData,
    columns: [
      uuid('activity_id'),
      uuid('user_id'),
      uuid('org_id', false),
      vc('activity_type', 50, NN),
      vc('category', 20),
      col('description', 'text'),
      col('amount', 'numeric', NN),
      vc('unit', 50, NN),
      vc('factor_key', 160),
      vc('fuel_type', 100),
      vc('region', 16),
      vc('location', 255),
      vc('gwp_set', 3),
      vc('data_quality', 10, NN),
      col('timestamp', 'timestamptz', NN),
      ...stamps,
    ],
  },
  emissions: {
    name: 'emissions',
    primaryKey: ['emission_id'],
    visibility: ownOrOrgData,
    columns: [
      uuid('emission_id'),
      uuid('activity_id'),
      uuid('user_id'),
      uuid('org_id', false),
      col('co2_equivalent', 'numeric', NN),
      col('co2_kg', 'numeric', NN),
      col('ch4_kg', 'numeric', NN),
      col('n2o_kg', 'numeric', NN),
      col('biogenic_co2_kg', 'numeric', NN),
      vc('co2e_basis', 12, NN),
      vc('factor_key', 160, NN),
      col('factor_year', 'int4', NN),
      col('factor_source', 'text', NN),
      vc('gwp_set', 3, NN),
      vc('scope', 3, NN),
      col('scope3_category', 'int2'),
      vc('category', 20, NN),
      col('converted_amount', 'numeric', NN),
      vc('factor_unit', 20, NN),
      // Not `derivation`: the readable explanation stays on the server (REST API, ESG traces).
      // It was ~700 of an emission's 1,500 bytes on the wire, stored on every device, and no
      // device screen shows it (the activity form previews its own). Migration 0051.
      col('timestamp', 'timestamptz', NN),
      ...stamps,
    ],
  },
  goals: {
    name: 'goals',
    primaryKey: ['goal_id'],
    visibility: ownOrOrgData,
    columns: [
      uuid('goal_id'),
      uuid('user_id'),
      uuid('org_id', false),
      vc('goal_type', 50, NN),
      col('description', 'text'),
      col('target_value', 'numeric', NN),
      vc('unit', 50, NN),
      col('start_date', 'date', NN),
      col('end_date', 'date', NN),
      col('current_value', 'numeric'),
      vc('status', 20, NN),
      ...stamps,
    ],
  },
  reports: {
    name: 'reports',
    primaryKey: ['report_id'],
    // Viewers of an organisation read its reports (but not its activities).
    visibility: {
      kind: 'own_or_org',
      userColumn: 'user_id',
      orgColumn: 'org_id',
      orgRoles: ALL_MEMBERSHIP_ROLES,
    },
    columns: [
      uuid('report_id'),
      uuid('user_id'),
      uuid('org_id', false),
      vc('report_type', 50, NN),
      vc('framework', 10),
      col('start_date', 'date', NN),
      col('end_date', 'date', NN),
      col('data', 'jsonb', NN),
      col('version', 'int4', NN),
      uuid('supersedes', false),
      ...stamps,
    ],
  },
  user_recommendations: {
    name: 'user_recommendations',
    primaryKey: ['user_recommendation_id'],
    visibility: own,
    columns: [
      uuid('user_recommendation_id'),
      uuid('user_id'),
      uuid('recommendation_id'),
      col('seen', 'bool', NN),
      col('acted_on', 'bool', NN),
      col('timestamp', 'timestamptz', NN),
      ...stamps,
    ],
  },
  user_challenges: {
    name: 'user_challenges',
    primaryKey: ['user_challenge_id'],
    visibility: own,
    columns: [
      uuid('user_challenge_id'),
      uuid('user_id'),
      uuid('challenge_id'),
      col('progress', 'numeric', NN),
      vc('status', 20, NN),
      col('points_awarded', 'int4', NN),
      col('start_date', 'timestamptz', NN),
      col('end_date', 'timestamptz'),
      ...stamps,
    ],
  },
  user_achievements: {
    name: 'user_achievements',
    primaryKey: ['user_achievement_id'],
    visibility: own,
    columns: [
      uuid('user_achievement_id'),
      uuid('user_id'),
      uuid('achievement_id'),
      col('timestamp', 'timestamptz', NN),
      ...stamps,
    ],
  },
  emission_factors: {
    name: 'emission_factors',
    primaryKey: ['emission_factor_id'],
    visibility: pub,
    columns: [
      uuid('emission_factor_id'),
      vc('key', 160, NN),
      col('year', 'int4', NN),
      vc('category', 20, NN),
      vc('activity_type', 200, NN),
      vc('fuel_type', 200),
      vc('region', 16, NN),
      vc('unit', 20, NN),
      col('co2_kg', 'float8'),
      col('ch4_kg', 'float8'),
      col('n2o_kg', 'float8'),
      col('co2e_kg', 'float8'),
      vc('co2e_gwp_set', 64),
      col('ch4_co2e_kg', 'float8'),
      col('n2o_co2e_kg', 'float8'),
      vc('scope', 3, NN),
      col('scope3_category', 'int2'),
      col('source', 'text', NN),
      col('source_table', 'text'),
      col('source_url', 'text'),
      col('license', 'text'),
      col('notes', 'text'),
      ...stamps,
    ],
  },
  recommendations: {
    name: 'recommendations',
    primaryKey: ['recommendation_id'],
    visibility: pub,
    columns: [
      uuid('recommendation_id'),
      vc('activity_type', 50, NN),
      vc('category', 50, NN),
      col('description', 'text', NN),
      col('impact_description', 'text'),
      col('estimated_reduction_pct', 'numeric'),
      vc('source', 255, NN),
      col('source_url', 'text'),
      col('data', 'jsonb', NN),
      ...stamps,
    ],
  },
  challenges: {
    name: 'challenges',
    primaryKey: ['challenge_id'],
    visibility: pub,
    columns: [
      uuid('challenge_id'),
      vc('challenge_name', 255, NN),
      col('description', 'text'),
      col('start_date', 'date', NN),
      col('end_date', 'date', NN),
      col('reward_points', 'int4', NN),
      col('criteria', 'jsonb', NN),
      ...stamps,
    ],
  },
  achievements: {
    name: 'achievements',
    primaryKey: ['achievement_id'],
    visibility: pub,
    columns: [
      uuid('achievement_id'),
      vc('achievement_name', 255, NN),
      col('description', 'text'),
      col('points', 'int4', NN),
      col('criteria', 'jsonb', NN),
      ...stamps,
    ],
  },
};

export const isSyncedTableName = (name: string): name is SyncedTableName =>
  (SYNCED_TABLE_NAMES as readonly string[]).includes(name);

/** The `electric-schema` entry of one column, as the client's parser reads it. */
export interface ElectricColumnSchema {
  type: PgType;
  not_null?: true;
  pk_index?: number;
  max_length?: number;
}

/** The `electric-schema` header value for a table: column name to its type description. */
export function electricSchema(table: SyncedTable): Record<string, ElectricColumnSchema> {
  const out: Record<string, ElectricColumnSchema> = {};
  for (const c of table.columns) {
    const entry: ElectricColumnSchema = { type: c.type };
    if (c.notNull) entry.not_null = true;
    const pk = table.primaryKey.indexOf(c.name);
    if (pk >= 0) entry.pk_index = pk;
    if (c.maxLength !== undefined) entry.max_length = c.maxLength;
    out[c.name] = entry;
  }
  return out;
}
