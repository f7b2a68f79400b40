import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The mediation after the designation: convocation with a personal adhesion invitation per invited
 * party, meetings with room bookings, the outcome, and per-body procedure options.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE body_settings ADD COLUMN mediator_may_move_meetings boolean NOT NULL DEFAULT true;
-- A designation still awaiting the answer when the applicant withdraws is closed as cancelled.
ALTER TABLE designations DROP CONSTRAINT designations_outcome_check;
ALTER TABLE designations ADD CONSTRAINT designations_outcome_check CHECK (outcome IN ('pending', 'accepted', 'refused', 'expired', 'cancelled'));
ALTER TABLE cases ADD COLUMN outcome text, ADD COLUMN closed_at timestamptz;
CREATE TABLE adhesion_invitations (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  party_position integer NOT NULL,
  -- HMAC of the personal code: the code itself is only in the convocation sent to the party.
  code_hash char(64) NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answer text CHECK (answer IN ('adhered', 'refused')),
  answered_at timestamptz,
  answer_details jsonb,
  UNIQUE (case_id, party_position)
);
CREATE TABLE meetings (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('first', 'further')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  mode text NOT NULL CHECK (mode IN ('in_person', 'video', 'mixed')),
  room_id uuid REFERENCES rooms(id),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  attendance jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, seq),
  CHECK (mode = 'video' OR room_id IS NOT NULL)
);
CREATE INDEX meetings_room_time ON meetings (room_id, starts_at) WHERE status = 'scheduled';
CREATE INDEX meetings_body_time ON meetings (body_id, starts_at);
-- New permission of this release: conducting the procedure (meetings, proposal, outcome, minutes).
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, r.role, 'cases.conduct' FROM bodies b CROSS JOIN (VALUES ('admin'), ('secretariat'), ('manager'), ('mediator')) AS r(role)
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DROP TABLE meetings, adhesion_invitations;
ALTER TABLE cases DROP COLUMN outcome, DROP COLUMN closed_at;
ALTER TABLE body_settings DROP COLUMN mediator_may_move_meetings;`);
};
