/**
 * Registers the service worker (production builds only) with workbox-window and tracks whether
 * an updated one is waiting. The UI offers a reload; accepting tells the waiting worker to skip
 * waiting, and the page reloads once it controls the page.
 */
interface UpdateState {
  waiting: boolean;
}

let state: UpdateState = { waiting: false };
const listeners = new Set<() => void>();
let accept: (() => void) | null = null;

function set(next: UpdateState) {
  state = next;
  for (const l of listeners) l();
}

export function getUpdateState(): UpdateState {
  return state;
}

export function subscribeUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyUpdate(): void {
  accept?.();
}

export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    accept = () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    };
    set({ waiting: true });
  });
  await wb.register();
}
