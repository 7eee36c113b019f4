/** Rows for sync tests, written straight to the database (no services involved). */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

export async function insertUser(q: Queryable, username = `u_${randomUUID().slice(0, 8)}`) {
  const userId = randomUUID();
  await q.query(
    `INSERT INTO users (user_id, username, email, password_hash, user_type)
     VALUES ($1::uuid, $2, $3, 'not-a-real-hash', 'individual')`,
    [userId, username, `${username}@example.test`],
  );
  return userId;
}

export async function insertOrg(q: Queryable, ownerId: string, name = 'Acme') {
  const orgId = randomUUID();
  await q.query(
    `INSERT INTO organizations (org_id, name, join_code, created_by) VALUES ($1::uuid, $2, $3, $4::uuid)`,
    [orgId, name, randomUUID().slice(0, 12), ownerId],
  );
  await addMember(q, orgId, ownerId, 'owner');
  return orgId;
}

export async function addMember(q: Queryable, orgId: string, userId: string, role: string) {
  await q.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3)`, [
    orgId,
    userId,
    role,
  ]);
}

export async function insertActivity(
  q: Queryable,
  userId: string,
  fields: {
    amount?: number;
    orgId?: string | null;
    description?: string;
    activityId?: string;
  } = {},
) {
  const activityId = fields.activityId ?? randomUUID();
  await q.query(
    `INSERT INTO activities (activity_id, user_id, org_id, activity_type, amount, unit, description,
                             "timestamp")
     VALUES ($1::uuid, $2::uuid, $3::uuid, 'Transportation', $4::numeric, 'km', $5,
             '2025-03-01T09:12:44.123Z')`,
    [activityId, userId, fields.orgId ?? null, fields.amount ?? 10, fields.description ?? null],
  );
  return activityId;
}
