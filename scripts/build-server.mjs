// Bundles the server (sync-server/src/main.ts and the workspace packages it imports) into one
// plain JavaScript file, sync-server/dist/server.mjs, that `npm start` and the sync benchmarks run
// with plain node. Running the TypeScript through tsx instead costs every server ~90 MB of
// resident memory (its loader thread and transpiled sources; decisions.md, "Sync server memory").
// Third-party packages stay in node_modules (PGlite finds its WASM files there). Each bundled
// module keeps its own import.meta.url, so paths relative to a source file (the migrations
// folder, client/dist) resolve as they do under tsx. Takes about a second.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverBundle = fileURLToPath(
  new URL('../sync-server/dist/server.mjs', import.meta.url),
);

/** @type {import('esbuild').Plugin} */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(root) || args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** @type {import('esbuild').Plugin} */
const dependenciesExternal = {
  name: 'dependencies-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@eco-track/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Builds sync-server/dist/server.mjs; resolves to its path. */
export async function buildServer() {
  await build({
    entryPoints: [fileURLToPath(new URL('../sync-server/src/main.ts', import.meta.url))],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [keepImportMetaUrl, dependenciesExternal],
    // CommonJS dependencies loaded from the bundle still get a `require`.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return serverBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
