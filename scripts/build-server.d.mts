/** Path of the bundled server that `npm start` runs (see build-server.mjs). */
export const serverBundle: string;
/** Builds sync-server/dist/server.mjs; resolves to its path. */
export function buildServer(): Promise<string>;
