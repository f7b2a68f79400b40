import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';
import { standardDocumentClasses } from '../../domain/preservation/classes';

/**
 * Preservation (conservazione): document classes (the 36 standard ones for every body; bodies add
 * their own), archival packages with their items, refused submissions, integrity alerts, and the
 * discard proposals at the end of retention.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE preservation_classes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  body_id uuid REFERENCES bodies(id),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9_]{2,64}$'),
  name text NOT NULL,
  retention_years integer CHECK (retention_years IS NULL OR retention_years > 0),
  integrated boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX preservation_classes_code ON preservation_classes (coalesce(body_id, '00000000-0000-0000-0000-000000000000'::uuid), code);
CREATE TABLE preservation_packages (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  submission_id text NOT NULL,
  class_code text NOT NULL,
  source text NOT NULL,
  index_sha256 char(64) NOT NULL,
  receipt_document_id uuid REFERENCES documents(id),
  path text NOT NULL,
  retention_until date,
  submitted_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_audit_at timestamptz,
  last_audit_ok boolean,
  discard_status text CHECK (discard_status IN ('proposed', 'approved', 'rejected')),
  discard_decided_by uuid REFERENCES users(id),
  discard_decided_at timestamptz,
  UNIQUE (body_id, submission_id)
);
CREATE TABLE preservation_items (
  package_id uuid NOT NULL REFERENCES preservation_packages(id),
  seq integer NOT NULL,
  document_id uuid NOT NULL REFERENCES documents(id),
  path text NOT NULL,
  media_type text NOT NULL,
  sha256 char(64) NOT NULL,
  metadata jsonb NOT NULL,
  PRIMARY KEY (package_id, seq)
);
CREATE TABLE preservation_rejections (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  submission_id text NOT NULL,
  code text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE preservation_alerts (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  package_id uuid NOT NULL REFERENCES preservation_packages(id),
  problems jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX preservation_alerts_open ON preservation_alerts (body_id) WHERE resolved_at IS NULL;
`);
  for (const c of standardDocumentClasses) {
    await context.sequelize.query(
      `INSERT INTO preservation_classes (body_id, code, name, retention_years, integrated, metadata) VALUES (NULL, :code, :name, :retentionYears, :integrated, :metadata) ON CONFLICT DO NOTHING`,
      { replacements: { ...c, metadata: JSON.stringify(c.metadata) } },
    );
  }
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE preservation_alerts, preservation_rejections, preservation_items, preservation_packages, preservation_classes;');
};
