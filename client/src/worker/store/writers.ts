/** The writers of the tables the device may change (the server's WRITABLE_TABLES). */
import { WRITABLE_TABLES, type ReplicaTable } from '@eco-track/shared-schema';
import { activityWriter } from './activity-writer.ts';
import { plainWriter, type TableWriter, type WriterContext, type Writers } from './local-writes.ts';

export function createWriters(tables: readonly ReplicaTable[], ctx: WriterContext): Writers {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const writers = new Map<string, TableWriter>();
  for (const name of WRITABLE_TABLES) {
    const t = byName.get(name);
    if (!t) continue;
    if (name === 'activities') {
      const emissions = byName.get('emissions');
      writers.set(name, emissions ? activityWriter(t, emissions, ctx) : plainWriter(t, ctx));
    } else {
      writers.set(name, plainWriter(t, ctx));
    }
  }
  return writers;
}
