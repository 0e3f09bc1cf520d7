/**
 * The part of PouchDB's API the team sync uses, typed here: the DefinitelyTyped packages declare a
 * global `Buffer` that breaks Node's own types.
 */
declare module 'pouchdb-core' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    _revisions?: { start: number; ids: string[] };
    [field: string]: unknown;
  }
  export interface ChangesResult {
    results: { id: string; seq: number | string; deleted?: boolean; changes: { rev: string }[]; doc?: PouchDoc }[];
    last_seq: number | string;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
    status: string;
    last_seq?: number | string;
  }
  export interface Replication extends PromiseLike<ReplicationResult> {
    on(
      event: 'change' | 'error' | 'complete' | 'denied' | 'active' | 'paused',
      listener: (info: unknown) => void,
    ): this;
    cancel(): void;
    catch<T>(onrejected: (reason: unknown) => T): Promise<ReplicationResult | T>;
  }
  export interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
    retry?: boolean;
    live?: boolean;
    checkpoint?: 'source' | 'target' | false;
  }
  export interface Database {
    readonly name: string;
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    get(id: string, opts?: { rev?: string; conflicts?: boolean; revs?: boolean }): Promise<PouchDoc>;
    get(id: string, opts: { open_revs: string[] | 'all' }): Promise<({ ok: PouchDoc } | { missing: string })[]>;
    bulkDocs(
      docs: PouchDoc[],
      opts?: { new_edits?: boolean },
    ): Promise<
      (
        | { ok?: boolean; id?: string; rev?: string }
        | { error: string | boolean; status?: number; message?: string; id?: string }
      )[]
    >;
    allDocs(opts: {
      keys?: string[];
      include_docs?: boolean;
      limit?: number;
      startkey?: string;
      endkey?: string;
      conflicts?: boolean;
    }): Promise<{
      total_rows: number;
      rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: PouchDoc; error?: string }[];
    }>;
    changes(opts: {
      since?: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
      return_docs?: boolean;
      style?: 'main_only' | 'all_docs';
    }): Promise<ChangesResult>;
    replicate: {
      from(source: Database | string, opts?: ReplicateOptions): Replication;
      to(target: Database | string, opts?: ReplicateOptions): Replication;
    };
    destroy(): Promise<unknown>;
    close(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(plugin: unknown): PouchStatic;
    replicate(source: Database | string, target: Database | string, opts?: ReplicateOptions): Replication;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
