import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/** Mediators' profiles per body, the designations of each case, and per-body procedure settings. */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE body_settings (
  body_id uuid PRIMARY KEY REFERENCES bodies(id),
  designation_criterion text NOT NULL DEFAULT 'rotation' CHECK (designation_criterion IN ('rotation', 'availability')),
  deadline_policy jsonb NOT NULL DEFAULT '{}'::jsonb,
  fee_policy jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mediator_profiles (
  body_id uuid NOT NULL REFERENCES bodies(id),
  user_id uuid NOT NULL REFERENCES users(id),
  competences text[] NOT NULL DEFAULT '{}',
  available boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (body_id, user_id)
);
ALTER TABLE cases ADD COLUMN mediator_id uuid REFERENCES users(id);
CREATE INDEX cases_body_mediator ON cases (body_id, mediator_id);
CREATE TABLE designations (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  seq integer NOT NULL,
  mediator_id uuid NOT NULL REFERENCES users(id),
  criterion text NOT NULL CHECK (criterion IN ('rotation', 'availability', 'manual')),
  reason jsonb NOT NULL,
  chosen_by uuid REFERENCES users(id),
  designated_at timestamptz NOT NULL,
  answer_due_at timestamptz NOT NULL,
  outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'accepted', 'refused', 'expired')),
  answered_at timestamptz,
  declaration jsonb,
  refusal_reason text,
  UNIQUE (case_id, seq)
);
CREATE INDEX designations_mediator ON designations (body_id, mediator_id, designated_at DESC);
-- New permission of this release, granted in every existing body as the defaults do for new ones.
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, r.role, 'appointments.answer' FROM bodies b CROSS JOIN (VALUES ('mediator'), ('crisis_manager')) AS r(role)
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DROP TABLE designations, mediator_profiles, body_settings;
ALTER TABLE cases DROP COLUMN mediator_id;`);
};
