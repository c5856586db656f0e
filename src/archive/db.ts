/**
 * The archive's SQLite file: opening it (with a clear error for a locked, read-only or foreign file), the schema
 * and its version, and the migrations that bring an older archive up to date. SQLite through better-sqlite3: one
 * file, readable from Python, R, DuckDB or Datasette (docs/archive.md describes every table).
 */
import Database from 'better-sqlite3';

/** Version of the tables below; stored in `meta.schema_version` and SQLite's `user_version`. */
export const ARCHIVE_SCHEMA_VERSION = 1;

/** An archive that cannot be opened or written: locked by another writer, read-only, not an archive, or newer. */
export class ArchiveError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ArchiveError';
  }
}

/** Version 1: documents, the items each one gives (with spans), mentions of officials and the people they resolve to. */
const SCHEMA_1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  doc_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  record_schema TEXT NOT NULL,
  title TEXT, title_start INTEGER, title_end INTEGER,
  published TEXT, published_source TEXT, published_start INTEGER, published_end INTEGER,
  meeting_name TEXT, meeting_name_start INTEGER, meeting_name_end INTEGER,
  meeting_org TEXT, meeting_org_start INTEGER, meeting_org_end INTEGER,
  meeting_date TEXT, meeting_date_start INTEGER, meeting_date_end INTEGER,
  date TEXT,
  year INTEGER,
  place TEXT
);
CREATE INDEX documents_place ON documents (place, date);
CREATE INDEX documents_date ON documents (date);
CREATE TABLE persons (
  person_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  uncertain INTEGER NOT NULL DEFAULT 0,
  appearances INTEGER NOT NULL DEFAULT 0,
  posts INTEGER NOT NULL DEFAULT 0,
  first_date TEXT,
  last_date TEXT
);
CREATE INDEX persons_name ON persons (name);
CREATE TABLE person_units (person_id INTEGER NOT NULL, unit TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (person_id, unit)) WITHOUT ROWID;
CREATE TABLE person_posts (person_id INTEGER NOT NULL, post TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (person_id, post)) WITHOUT ROWID;
CREATE TABLE mentions (
  mention_id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  titles TEXT NOT NULL,
  posts TEXT NOT NULL,
  roles TEXT NOT NULL,
  units TEXT NOT NULL,
  resolution TEXT NOT NULL,
  date TEXT,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  spans TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_person ON mentions (person_id, date);
CREATE TABLE frameworks (
  framework_id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  formula TEXT NOT NULL,
  place TEXT, date TEXT,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX frameworks_doc ON frameworks (doc_id);
CREATE INDEX frameworks_formula ON frameworks (formula, place, date);
CREATE TABLE components (
  framework_id INTEGER NOT NULL REFERENCES frameworks (framework_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  count TEXT NOT NULL,
  label TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  items TEXT NOT NULL,
  PRIMARY KEY (framework_id, position)
) WITHOUT ROWID;
CREATE TABLE industries (
  doc_id INTEGER NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  place TEXT, date TEXT,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX industries_doc ON industries (doc_id);
CREATE INDEX industries_name ON industries (name, place, date);
CREATE INDEX industries_place ON industries (place, date);
`;

/**
 * Migrations: entry i brings an archive of version i to version i + 1 (entry 0 creates version 1 in an empty file).
 * Each runs in one transaction with the version bump, so an archive is always at a whole version.
 */
const MIGRATIONS: string[] = [SCHEMA_1];

export interface OpenOptions {
  /** Open for reading only (views): a missing file is an error instead of a new archive. */
  readonly?: boolean;
  /** How long to wait for another writer's lock, in ms (default 2000). */
  busyTimeout?: number;
}

/** SQLite result codes as better-sqlite3 names them, turned into one-line causes. */
function cause(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'the archive is locked by another process (try again when it has finished)';
  if (code.startsWith('SQLITE_READONLY')) return 'the archive is read-only (check the file and its directory permissions)';
  if (code === 'SQLITE_CANTOPEN') return 'cannot open the archive (missing directory or no permission)';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'not an archive (not an SQLite database, or damaged)';
  if (code === 'SQLITE_FULL') return 'the disk is full';
  return (error as Error).message;
}

/** Run `fn`, turning an SQLite failure into an ArchiveError naming the file. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    if ((error as { code?: string }).code?.startsWith('SQLITE_') || error instanceof Database.SqliteError) throw new ArchiveError(file, cause(error));
    throw error;
  }
}

/** Open (creating or migrating as needed) an archive. Throws ArchiveError with a one-line cause. */
export function openArchive(file: string, options: OpenOptions = {}): Database.Database {
  return guarded(file, () => {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: options.busyTimeout ?? 2000 });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (options.readonly && (code === 'SQLITE_CANTOPEN' || /does not exist/.test((error as Error).message))) throw new ArchiveError(file, 'no such archive (build one with `archive build` or `archive ingest`)');
      throw error;
    }
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > ARCHIVE_SCHEMA_VERSION) throw new ArchiveError(file, `archive schema version ${version} is newer than this tool's (${ARCHIVE_SCHEMA_VERSION}); upgrade meeting-analyze`);
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (version === 0 && tables.n > 0) throw new ArchiveError(file, 'not an archive (an SQLite database with other tables)');
      if (options.readonly) {
        if (version < ARCHIVE_SCHEMA_VERSION) throw new ArchiveError(file, `archive schema version ${version} is older than this tool's (${ARCHIVE_SCHEMA_VERSION}); run \`archive ingest\` or \`archive build\` once to migrate it`);
        return db;
      }
      // WAL: readers (views) never block the writer; a killed writer leaves the last committed transaction intact.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      for (let v = version; v < ARCHIVE_SCHEMA_VERSION; v++) {
        db.transaction(() => {
          db.exec(MIGRATIONS[v]);
          db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(v + 1));
          db.pragma(`user_version = ${v + 1}`);
        })();
      }
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}
