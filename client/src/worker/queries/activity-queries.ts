/** Activity reads for the list, the detail view and counts: the merged views, never the raw tables. */
import type {
  ActivityDetail,
  ActivityFilter,
  ActivityListItem,
  ActivityQuery,
  Emission,
  Page,
} from '../api.ts';
import type { SqlRunner, SqlValue } from '../db/sql-db.ts';
import { decodeRow } from './decode.ts';
import { ownerFilter } from './scope-filter.ts';

const MAX_LIMIT = 500;

// Per-row lookups (not a join) keep the emissions view's index usable: only the page's rows are
// looked up, instead of materialising the whole merged view.
const LIST_COLUMNS = `a.*, a._pending AS pending,
  (SELECT e.co2_equivalent FROM emissions e WHERE e.activity_id = a.activity_id) AS co2_equivalent,
  (SELECT e.scope FROM emissions e WHERE e.activity_id = a.activity_id) AS scope`;

function where(filter: ActivityFilter, userId: string | null): { sql: string; params: SqlValue[] } {
  const owner = ownerFilter('a', userId, filter.org_id);
  const parts = [owner.sql];
  const params: SqlValue[] = [...owner.params];
  const add = (sql: string, value: SqlValue) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.from) add('a.timestamp >= ?', filter.from);
  if (filter.to) add('a.timestamp < ?', filter.to);
  if (filter.category) add('a.category = ?', filter.category);
  if (filter.activity_type) add('a.activity_type = ?', filter.activity_type);
  if (filter.pendingOnly) parts.push('a._pending = 1');
  if (filter.scope) {
    parts.push(
      'EXISTS (SELECT 1 FROM emissions e WHERE e.activity_id = a.activity_id AND e.scope = ?)',
    );
    params.push(filter.scope);
  }
  if (filter.search?.trim()) {
    const like = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      `(a.description LIKE ? ESCAPE '\\' OR a.activity_type LIKE ? ESCAPE '\\' OR a.factor_key LIKE ? ESCAPE '\\' OR a.location LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like);
  }
  return { sql: parts.join(' AND '), params };
}

const ORDER: Record<NonNullable<ActivityQuery['sort']>, string> = {
  timestamp_desc: 'a.timestamp DESC, a.activity_id DESC',
  timestamp_asc: 'a.timestamp ASC, a.activity_id ASC',
  co2e_desc: 'co2_equivalent DESC, a.timestamp DESC',
  co2e_asc: 'co2_equivalent ASC, a.timestamp DESC',
};

function listItem(row: Record<string, unknown>): ActivityListItem {
  const item = decodeRow<ActivityListItem & { _pending?: number }>('activities', row);
  item.pending = row.pending === 1;
  delete item._pending;
  return item;
}

/** One window of the list, without the count (which reads every matching row). */
async function activityRows(
  db: SqlRunner,
  userId: string | null,
  q: ActivityQuery,
): Promise<ActivityListItem[]> {
  const w = where(q, userId);
  const limit = Math.min(Math.max(1, q.limit ?? 50), MAX_LIMIT);
  const offset = Math.max(0, q.offset ?? 0);
  const rows = await db.all(
    `SELECT ${LIST_COLUMNS} FROM activities a WHERE ${w.sql} ORDER BY ${ORDER[q.sort ?? 'timestamp_desc']} LIMIT ? OFFSET ?`,
    [...w.params, limit, offset],
  );
  return rows.map(listItem);
}

export async function listActivities(
  db: SqlRunner,
  userId: string | null,
  q: ActivityQuery = {},
): Promise<Page<ActivityListItem>> {
  const rows = await activityRows(db, userId, q);
  const total = await countActivities(db, userId, q);
  return { rows, offset: Math.max(0, q.offset ?? 0), total };
}

export async function countActivities(
  db: SqlRunner,
  userId: string | null,
  filter: ActivityFilter = {},
): Promise<number> {
  const w = where(filter, userId);
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM activities a WHERE ${w.sql}`,
    w.params,
  );
  return row?.n ?? 0;
}

export async function getActivity(
  db: SqlRunner,
  activityId: string,
): Promise<ActivityDetail | null> {
  const row = await db.get('SELECT * FROM activities WHERE activity_id = ?', [activityId]);
  if (!row) return null;
  const emission = await db.get('SELECT * FROM emissions WHERE activity_id = ?', [activityId]);
  const detail = decodeRow<ActivityDetail & { _pending?: number }>('activities', row);
  detail.pending = row._pending === 1;
  delete detail._pending;
  if (emission) {
    const e = decodeRow<Emission & { _pending?: number }>('emissions', emission);
    delete e._pending;
    detail.emission = e;
  } else {
    detail.emission = null;
  }
  return detail;
}

export async function recentActivities(
  db: SqlRunner,
  userId: string | null,
  limit = 10,
  orgId?: string | null,
): Promise<ActivityListItem[]> {
  return activityRows(db, userId, {
    limit,
    sort: 'timestamp_desc',
    ...(orgId !== undefined ? { org_id: orgId } : {}),
  });
}
