import type pg from 'pg';

/**
 * The PostgreSQL schema of the dataset store, as the steps that build it: a
 * step is never changed once released, only followed by new ones. Step n
 * brings a database from schema version n - 1 to n.
 */
const MIGRATIONS: readonly string[] = [
  // 1: every version of every dataset with its content (the manifest and the versions of the folder store), and the audit log.
  `CREATE TABLE dataset_versions (
     slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$'),
     version integer NOT NULL CHECK (version >= 1),
     created text NOT NULL, -- ISO 8601 in UTC, exactly as the record gave it
     publisher text NOT NULL CHECK (publisher <> ''),
     activity text NOT NULL CHECK (activity IN ('seed', 'publish', 'rollback', 'withdraw')),
     restores integer CHECK (restores >= 1),
     triples integer NOT NULL CHECK (triples >= 0),
     sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     added integer NOT NULL CHECK (added >= 0),
     removed integer NOT NULL CHECK (removed >= 0),
     content text,
     PRIMARY KEY (slug, version),
     CHECK ((activity = 'withdraw') = (sha256 IS NULL) AND (sha256 IS NULL) = (content IS NULL))
   );
   CREATE TABLE audit_log (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     time text NOT NULL,
     publisher text NOT NULL,
     activity text NOT NULL,
     slug text NOT NULL,
     version integer NOT NULL,
     FOREIGN KEY (slug, version) REFERENCES dataset_versions (slug, version)
   );`,
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any fixed number of our own for the advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 4_711_000_001;

/**
 * Brings the database to SCHEMA_VERSION, each step in its own transaction,
 * while holding an advisory lock so that replicas starting together take
 * turns (the second finds the work done). Refuses a database whose schema is
 * newer than this code: an older replica must not write to it.
 */
export async function runMigrations(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS kulturskolegrafen_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT max(version) AS version FROM kulturskolegrafen_schema');
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(`The database's store schema is version ${current}, newer than this program's ${SCHEMA_VERSION}; run a newer release of Kulturskolegrafen against it.`);
    }
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version - 1]!);
        await client.query('INSERT INTO kulturskolegrafen_schema (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
