import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/** Records v1: bodies, branches, rooms, users and roles, registry, audit log, cases read model. */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE bodies (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mediation_body', 'occ', 'order')),
  tax_code text,
  registry_number text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE branches (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  name text NOT NULL,
  address text,
  city text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, name)
);
CREATE TABLE rooms (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  branch_id uuid NOT NULL REFERENCES branches(id),
  name text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (branch_id, name)
);
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  full_name text NOT NULL,
  password_hash text NOT NULL,
  is_operator boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users(id),
  body_id uuid NOT NULL REFERENCES bodies(id),
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, body_id, role)
);
CREATE TABLE role_permissions (
  body_id uuid NOT NULL REFERENCES bodies(id),
  role text NOT NULL,
  permission text NOT NULL,
  PRIMARY KEY (body_id, role, permission)
);
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  body_id uuid NOT NULL REFERENCES bodies(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE TABLE subjects (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  kind text NOT NULL CHECK (kind IN ('person', 'company')),
  first_name text,
  last_name text,
  company_name text,
  tax_code text,
  vat_number text,
  email text,
  pec text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'person' AND first_name IS NOT NULL AND last_name IS NOT NULL AND tax_code IS NOT NULL)
      OR (kind = 'company' AND company_name IS NOT NULL AND vat_number IS NOT NULL))
);
CREATE UNIQUE INDEX subjects_person_tax_code ON subjects (body_id, tax_code) WHERE kind = 'person';
CREATE UNIQUE INDEX subjects_company_vat ON subjects (body_id, vat_number) WHERE kind = 'company';
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  body_id uuid REFERENCES bodies(id),
  user_id uuid REFERENCES users(id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  request_id text,
  workflow_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_body_at ON audit_log (body_id, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TABLE case_counters (
  body_id uuid NOT NULL REFERENCES bodies(id),
  kind text NOT NULL,
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (body_id, kind, year)
);
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  kind text NOT NULL CHECK (kind IN ('mediation', 'occ')),
  year integer NOT NULL,
  number integer NOT NULL,
  case_number text NOT NULL,
  workflow_id text NOT NULL UNIQUE,
  mediation_type text,
  matter text,
  subject text NOT NULL,
  facts text,
  value_cents bigint,
  value_indeterminable boolean NOT NULL DEFAULT false,
  stage text NOT NULL,
  next_deadline timestamptz,
  filed_by uuid REFERENCES users(id),
  filed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, kind, year, number)
);
CREATE INDEX cases_body_filed ON cases (body_id, filed_at DESC);
CREATE TABLE case_parties (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  role text NOT NULL CHECK (role IN ('applicant', 'invited')),
  lawyer_subject_id uuid REFERENCES subjects(id),
  position integer NOT NULL,
  UNIQUE (case_id, position)
);
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DROP TABLE case_parties, cases, case_counters, audit_log, subjects, refresh_tokens, role_permissions,
  memberships, users, rooms, branches, bodies;
DROP FUNCTION audit_log_append_only();`);
};
