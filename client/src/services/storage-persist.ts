/**
 * Asks the browser to keep this site's storage (the SQLite replica in OPFS, unsynced changes)
 * instead of evicting it under storage pressure. Chromium decides silently from engagement;
 * Firefox may prompt. The answer is shown on the Profile page.
 */
export type PersistState = 'persistent' | 'best-effort' | 'unsupported';

export async function requestPersistentStorage(): Promise<PersistState> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}

export async function persistState(): Promise<PersistState> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'persistent' : 'best-effort';
}
