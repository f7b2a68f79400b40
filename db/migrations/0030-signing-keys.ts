import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Each body's signing credentials (its CA and its seal: certificate + private key sealed with
 * SIGNING_KEYS_SECRET), extra trust anchors for verification, and the permissions of the signature
 * and preservation areas.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE signing_credentials (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  kind text NOT NULL CHECK (kind IN ('ca', 'seal')),
  certificate bytea NOT NULL,
  sealed_key bytea NOT NULL,
  not_after timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, kind)
);
CREATE TABLE trust_anchors (
  id uuid PRIMARY KEY,
  body_id uuid REFERENCES bodies(id),
  label text NOT NULL,
  certificate bytea NOT NULL,
  sha256 char(64) NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX trust_anchors_unique ON trust_anchors (coalesce(body_id, '00000000-0000-0000-0000-000000000000'::uuid), sha256);
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, r.role, r.permission FROM bodies b CROSS JOIN (VALUES
    ('admin', 'signatures.manage'), ('secretariat', 'signatures.manage'), ('manager', 'signatures.manage'), ('mediator', 'signatures.manage'),
    ('admin', 'preservation.read'), ('secretariat', 'preservation.read'), ('manager', 'preservation.read'), ('auditor', 'preservation.read'),
    ('protocol_officer', 'preservation.read'),
    ('admin', 'preservation.manage'), ('manager', 'preservation.manage')
  ) AS r(role, permission)
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DELETE FROM role_permissions WHERE permission IN ('signatures.manage', 'preservation.read', 'preservation.manage');
DROP TABLE trust_anchors, signing_credentials;`);
};
