import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface DatabaseSize {
  /** The database file plus its WAL and shared-memory files, as they lie on disk. */
  fileBytes: number;
  /** Pages holding data ((page_count − freelist_count) × page_size): what a purge frees for reuse. */
  liveBytes: number;
}

/** Sizes of a SQLite database that no process has open (read-only look). */
export function databaseSize(path: string): DatabaseSize {
  const fileBytes = ['', '-wal', '-shm'].reduce(
    (sum, suffix) => sum + (existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : 0),
    0,
  );
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pragma = (name: string) => Number(db.pragma(name, { simple: true }));
    return { fileBytes, liveBytes: (pragma('page_count') - pragma('freelist_count')) * pragma('page_size') };
  } finally {
    db.close();
  }
}
