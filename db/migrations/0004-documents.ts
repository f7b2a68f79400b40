import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/** One table of documents for every owner (case files, protocol entries, signatures, preservation, messages). */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  owner_kind text NOT NULL CHECK (owner_kind ~ '^[a-z][a-z_]*$'),
  owner_id text NOT NULL,
  category text NOT NULL,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  sha256 char(64) NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, owner_kind, owner_id, category, sha256)
);
CREATE INDEX documents_owner ON documents (body_id, owner_kind, owner_id, created_at);
-- Documents are evidence: rows are never changed or removed (a new version is a new row).
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE documents');
};
