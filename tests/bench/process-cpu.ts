/**
 * CPU time spent by the processes behind a benchmark: the server child, and the Postgres backends
 * serving its database (when that Postgres runs on this machine). On a shared machine wall-clock
 * rates move with everyone else's load; CPU per unit of work moves far less, so benchmarks print
 * both. Linux only (/proc); elsewhere the figures are absent.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '@eco-track/sync-server';

/** User + system CPU seconds of a process, or undefined when /proc has no such process. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
    if (!fields) return undefined;
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds so far of the Postgres backends connected to `database`, by pid (only backends
 * visible in /proc, i.e. a Postgres on this machine). `admin` is any connection to the server.
 */
export async function backendCpu(admin: Db, database: string): Promise<Map<number, number>> {
  const rows = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const s = cpuSeconds(pid);
    if (s !== undefined) out.set(pid, s);
  }
  return out;
}

/** CPU seconds the backends spent between two readings (backends that left count up to `before`). */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, s] of after) total += s - (before.get(pid) ?? 0);
  return total;
}
