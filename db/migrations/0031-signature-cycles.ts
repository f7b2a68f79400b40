import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Signature cycles (a read model of the `signatureCycle` workflows, for lists per case) and the
 * one-time codes of one-shot signatures (only an HMAC of the code is kept).
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE signature_cycles (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  workflow_id text NOT NULL UNIQUE,
  parent_kind text NOT NULL CHECK (parent_kind IN ('case', 'procedure', 'standalone')),
  parent_id text NOT NULL,
  seq integer NOT NULL,
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('starting', 'running', 'completed', 'refused', 'expired', 'cancelled', 'failed')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, parent_kind, parent_id, seq)
);
CREATE INDEX signature_cycles_parent ON signature_cycles (body_id, parent_kind, parent_id, seq);
CREATE TABLE signature_codes (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  workflow_id text NOT NULL,
  signer_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  code_hmac char(64) NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signature_codes_signer ON signature_codes (workflow_id, signer_id, created_at DESC);
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE signature_codes, signature_cycles;');
};
