/** Leaderboards: per challenge, per organisation and global; opt-in only, display names only. */
export { leaderboardRoutes } from './routes.ts';
export { getLeaderboard } from './leaderboard.ts';
export { windowBucket, type LeaderboardWindow } from './windows.ts';
