/**
 * Live queries: callbacks subscribed to tables, called after a commit changed any of them. Changes
 * are gathered for one macrotask, so a burst of batches (an initial sync) wakes a view once.
 */
export type ChangeListener = (tables: string[]) => void;

export class ChangeHub {
  #next = 1;
  readonly #subs = new Map<number, { tables: ReadonlySet<string>; listener: ChangeListener }>();
  #pending = new Set<string>();
  #scheduled = false;

  constructor(private readonly schedule: (fn: () => void) => void = (fn) => setTimeout(fn, 0)) {}

  subscribe(tables: readonly string[], listener: ChangeListener): number {
    const id = this.#next++;
    this.#subs.set(id, { tables: new Set(tables), listener });
    return id;
  }

  unsubscribe(id: number): boolean {
    return this.#subs.delete(id);
  }

  notify(tables: readonly string[]): void {
    for (const t of tables) this.#pending.add(t);
    if (this.#scheduled || this.#pending.size === 0) return;
    this.#scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Delivers gathered changes now. */
  flush(): void {
    this.#scheduled = false;
    const changed = this.#pending;
    this.#pending = new Set();
    for (const { tables, listener } of this.#subs.values()) {
      const hit = [...changed].filter((t) => tables.has(t));
      if (hit.length === 0) continue;
      try {
        listener(hit);
      } catch {
        // A listener in a closed tab (dead comlink proxy) must not stop the others.
      }
    }
  }
}
