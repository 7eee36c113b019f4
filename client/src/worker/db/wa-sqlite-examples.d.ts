// wa-sqlite 1.0.0 ships no typings for its example VFS classes; these are the parts we use.
declare module 'wa-sqlite/src/examples/AccessHandlePoolVFS.js' {
  export class AccessHandlePoolVFS {
    constructor(directoryPath: string);
    readonly name: string;
    readonly isReady: Promise<void>;
    close(): Promise<void>;
    getCapacity(): number;
    addCapacity(n: number): Promise<number>;
  }
}

declare module 'wa-sqlite/src/examples/IDBBatchAtomicVFS.js' {
  export class IDBBatchAtomicVFS {
    constructor(
      idbDatabaseName?: string,
      options?: { durability?: 'default' | 'strict' | 'relaxed' },
    );
    readonly name: string;
    close(): Promise<void>;
  }
}
