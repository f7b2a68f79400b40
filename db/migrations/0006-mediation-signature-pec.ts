import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The mediation's links to the signature cycle and to PEC:
 * - each signature cycle of a case's minutes, one row per attempt, so the activity reserving the
 *   cycle's number is idempotent (a retry finds the cycle it reserved; the signature_cycles table
 *   comes later in the numbering, so no foreign key);
 * - each adhesion invitation records how the convocation was delivered (PEC receipts).
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE minutes_signatures (
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  attempt integer NOT NULL CHECK (attempt > 0),
  cycle_id uuid NOT NULL UNIQUE,
  workflow_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, attempt)
);
ALTER TABLE adhesion_invitations
  ADD COLUMN delivery_channel text CHECK (delivery_channel IN ('email', 'pec')),
  ADD COLUMN delivery_status text CHECK (delivery_status IN ('sending', 'delivered', 'not_delivered', 'failed')),
  ADD COLUMN delivery_outbox_id uuid,
  ADD COLUMN delivery_detail text,
  ADD COLUMN delivery_at timestamptz;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE adhesion_invitations DROP COLUMN delivery_channel, DROP COLUMN delivery_status, DROP COLUMN delivery_outbox_id, DROP COLUMN delivery_detail, DROP COLUMN delivery_at;
DROP TABLE minutes_signatures;`);
};
