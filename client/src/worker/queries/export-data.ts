/** "Download my data": the user's own rows from the replica, as one JSON file or a CSV per table. */
import type { ExportFile } from '../api.ts';
import type { SqlRunner } from '../db/sql-db.ts';
import { decodeRows } from './decode.ts';

/** Tables holding the user's own data, with the filter that selects their rows. */
const OWN_TABLES: readonly { table: string; where: string }[] = [
  { table: 'users', where: 'user_id = ?' },
  { table: 'activities', where: 'user_id = ?' },
  { table: 'emissions', where: 'user_id = ?' },
  { table: 'goals', where: 'user_id = ?' },
  { table: 'reports', where: 'user_id = ?' },
  { table: 'user_recommendations', where: 'user_id = ?' },
  { table: 'user_challenges', where: 'user_id = ?' },
  { table: 'user_achievements', where: 'user_id = ?' },
];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    s = v.toString();
  else s = JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const first = rows[0];
  if (!first) return '';
  const cols = Object.keys(first);
  const lines = [cols.map(csvCell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function exportAllData(
  db: SqlRunner,
  userId: string | null,
  format: 'json' | 'csv',
  nowIso: string,
): Promise<ExportFile[]> {
  const data: Record<string, Record<string, unknown>[]> = {};
  for (const { table, where } of OWN_TABLES) {
    const rows = await db.all(`SELECT * FROM ${table} WHERE ${where}`, [userId]);
    data[table] = decodeRows<Record<string, unknown>>(table, rows).map((r) => {
      delete r._pending;
      return r;
    });
  }
  if (format === 'json') {
    return [
      {
        name: 'eco-track-data.json',
        mime: 'application/json',
        content: JSON.stringify({ exported_at: nowIso, user_id: userId, ...data }, null, 2),
      },
    ];
  }
  return Object.entries(data).map(([table, rows]) => ({
    name: `eco-track-${table}.csv`,
    mime: 'text/csv' as const,
    content: toCsv(rows),
  }));
}
