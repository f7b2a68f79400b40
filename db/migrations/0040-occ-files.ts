import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * OCC files (issue #7, process side): the file's own data beside its `cases` row (kind 'occ'), the
 * court events recorded by the secretariat (append-only), the body's OCC settings, and the
 * permission for crisis managers to conduct their own files.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE occ_files (
  case_id uuid PRIMARY KEY REFERENCES cases(id),
  body_id uuid NOT NULL REFERENCES bodies(id),
  procedure text NOT NULL CHECK (procedure IN ('RISTRUTTURAZIONE_CONSUMATORE', 'CONCORDATO_MINORE', 'LIQUIDAZIONE_CONTROLLATA', 'ESDEBITAZIONE_INCAPIENTE')),
  converted_from text CHECK (converted_from IN ('RISTRUTTURAZIONE_CONSUMATORE', 'CONCORDATO_MINORE')),
  debtor_subject_id uuid NOT NULL REFERENCES subjects(id),
  debtor_category text NOT NULL CHECK (debtor_category IN ('consumatore', 'professionista', 'imprenditore_minore', 'imprenditore_agricolo', 'startup_innovativa')),
  household_size integer NOT NULL CHECK (household_size BETWEEN 1 AND 30),
  annual_net_income_cents bigint NOT NULL CHECK (annual_net_income_cents >= 0),
  disposable_income_cents bigint CHECK (disposable_income_cents >= 0),
  previous_discharges jsonb NOT NULL DEFAULT '[]'::jsonb,
  family_case_id uuid REFERENCES cases(id),
  crisis_manager_id uuid REFERENCES users(id),
  vote_opens_at timestamptz,
  vote_closes_at timestamptz,
  claims_days integer CHECK (claims_days BETWEEN 1 AND 60),
  report_document_id uuid REFERENCES documents(id),
  filed_with_court_on date,
  court text,
  discharged_at timestamptz,
  outcome text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX occ_files_body_procedure ON occ_files (body_id, procedure);
CREATE INDEX occ_files_body_manager ON occ_files (body_id, crisis_manager_id);

-- What happened on a file that the workflow does not hold as a stage: court decrees and judgements,
-- reports and filings with their document and the date of the act. Append-only; event_key makes a
-- retried activity find the row it already wrote.
CREATE TABLE occ_events (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  event_key text NOT NULL,
  kind text NOT NULL,
  event_date date NOT NULL,
  document_id uuid REFERENCES documents(id),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, event_key)
);
CREATE INDEX occ_events_case ON occ_events (body_id, case_id, recorded_at);
CREATE FUNCTION occ_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'occ_events is append-only'; END $$;
CREATE TRIGGER occ_events_no_update BEFORE UPDATE OR DELETE ON occ_events
  FOR EACH ROW EXECUTE FUNCTION occ_events_append_only();

-- Per-body OCC settings, e.g. {"assegnoSocialeMonthlyCents": {"2025": 53869}} (INPS, per year).
ALTER TABLE body_settings ADD COLUMN occ_policy jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Crisis managers conduct the files designated to them (as mediators do their cases).
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, 'crisis_manager', 'cases.conduct' FROM bodies b
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DELETE FROM role_permissions WHERE role = 'crisis_manager' AND permission = 'cases.conduct';
ALTER TABLE body_settings DROP COLUMN occ_policy;
DROP TABLE occ_events, occ_files;
DROP FUNCTION occ_events_append_only();`);
};
