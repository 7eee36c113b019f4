/// <reference lib="webworker" />
// The service worker: precaches the app shell, the DB worker, wasm and fonts (the manifest is
// injected at build time by vite-plugin-pwa's injectManifest), serves navigations from the
// cached index.html so the app opens offline, and activates updates when the page asks.
//
// The first install takes control at once (clientsClaim), so the very first visit already runs
// under the worker; later versions wait until the user accepts the update prompt (SKIP_WAITING).
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    // API, shape and health requests must reach the network (or fail) rather than get the shell.
    denylist: [/^\/api\//, /^\/v1\//, /^\/health/],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
