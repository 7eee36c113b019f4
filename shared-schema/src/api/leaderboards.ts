/** GET /api/v1/leaderboards: rankings by points or by % reduction against a personal baseline. */
import { z } from 'zod';
import { UuidSchema } from './common.ts';

export const LEADERBOARD_SCOPES = ['global', 'org', 'challenge'] as const;
export const LEADERBOARD_WINDOWS = ['weekly', 'monthly', 'all_time'] as const;
export const LEADERBOARD_RANKINGS = ['points', 'reduction'] as const;

export const LeaderboardQuerySchema = z
  .object({
    scope: z
      .enum(LEADERBOARD_SCOPES, { error: `must be one of ${LEADERBOARD_SCOPES.join(', ')}` })
      .default('global'),
    id: UuidSchema.optional().meta({
      description: 'org_id (scope=org) or challenge_id (scope=challenge)',
    }),
    window: z
      .enum(LEADERBOARD_WINDOWS, { error: `must be one of ${LEADERBOARD_WINDOWS.join(', ')}` })
      .default('weekly'),
    rank_by: z
      .enum(LEADERBOARD_RANKINGS, { error: `must be one of ${LEADERBOARD_RANKINGS.join(', ')}` })
      .default('points'),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(200, { error: 'must be at most 200' })
      .default(50),
  })
  .superRefine((q, ctx) => {
    if (q.scope !== 'global' && !q.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `required for scope=${q.scope}` });
    if (q.scope === 'global' && q.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'not used with scope=global' });
  });
export type LeaderboardQuery = z.infer<typeof LeaderboardQuerySchema>;

export const LeaderboardEntrySchema = z
  .object({
    rank: z.number().int(),
    display_name: z.string(),
    points: z.number().int(),
    reduction_pct: z
      .number()
      .nullable()
      .meta({ description: '% below the personal baseline (negative = above)' }),
    is_me: z.boolean(),
  })
  .meta({ id: 'LeaderboardEntry' });

export const LeaderboardSchema = z
  .object({
    scope: z.enum(LEADERBOARD_SCOPES),
    id: z.string().nullable(),
    window: z.enum(LEADERBOARD_WINDOWS),
    rank_by: z.enum(LEADERBOARD_RANKINGS),
    period: z.object({ from: z.string().nullable(), to: z.string() }),
    entries: z.array(LeaderboardEntrySchema),
    me: LeaderboardEntrySchema.extend({ listed: z.boolean() })
      .nullable()
      .meta({ description: 'Your own standing (shown to you even when you have not opted in)' }),
  })
  .meta({ id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
export type LeaderboardEntry = z.infer<typeof LeaderboardEntrySchema>;
