import { createContext, useContext, type ReactNode } from 'react';
import type { Db } from './db.ts';

const DbContext = createContext<Db | null>(null);

export function DbProvider({ db, children }: { db: Db; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

/** The DB worker's API; only inside <DbProvider>. */
export function useDb(): Db {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb() needs a <DbProvider> above it');
  return db;
}
