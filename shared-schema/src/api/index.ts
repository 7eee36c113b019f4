/**
 * Every REST payload's zod schema: the single definition the server validates with, the OpenAPI
 * document is generated from, and the client's forms use. One file per feature; add yours with an
 * `export * from './<feature>.ts'` line below.
 */
export * from './common.ts';
export * from './auth.ts';
export * from './orgs.ts';
export * from './activities.ts';
export * from './goals.ts';
export * from './reports.ts';
export * from './catalog.ts';
export * from './esg.ts';
export * from './leaderboards.ts';
