import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The economics of an OCC file (issue #7): claims (one row per claim), assets, the plan, the fee
 * quotes, the creditors' vote windows and votes. Every row names its body (tenant) and its case
 * (`cases.kind = 'occ'`); amounts are integer cents, percentages basis points.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE occ_claims (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  position integer NOT NULL,
  creditor_name text NOT NULL,
  tax_id text,
  pec text,
  title text,
  capital_cents bigint NOT NULL CHECK (capital_cents >= 0),
  interest_cents bigint NOT NULL DEFAULT 0 CHECK (interest_cents >= 0),
  costs_cents bigint NOT NULL DEFAULT 0 CHECK (costs_cents >= 0),
  rank text NOT NULL CHECK (rank IN ('prededuzione', 'privilegio_generale', 'privilegio_speciale', 'ipoteca', 'pegno', 'chirografo')),
  incapiente_cents bigint NOT NULL DEFAULT 0 CHECK (incapiente_cents >= 0),
  class_code text,
  proposed_treatment_bp integer CHECK (proposed_treatment_bp BETWEEN 0 AND 10000),
  proposed_schedule text,
  admitted_to_vote_override_cents bigint CHECK (admitted_to_vote_override_cents >= 0),
  waived_prelazione boolean NOT NULL DEFAULT false,
  observations text,
  liquidation_status text NOT NULL DEFAULT 'none' CHECK (liquidation_status IN ('none', 'filed', 'admitted', 'partially_admitted', 'excluded')),
  liquidation_admitted_cents bigint CHECK (liquidation_admitted_cents >= 0),
  filed_by_pec boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX occ_claims_case ON occ_claims (body_id, case_id, position) WHERE deleted_at IS NULL;

CREATE TABLE occ_assets (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('real_estate', 'registered_movable', 'account', 'income_share', 'external_contribution', 'other')),
  description text NOT NULL,
  estimated_cents bigint CHECK (estimated_cents >= 0),
  realised_cents bigint CHECK (realised_cents >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX occ_assets_case ON occ_assets (body_id, case_id) WHERE deleted_at IS NULL;

CREATE TABLE occ_plans (
  case_id uuid PRIMARY KEY REFERENCES cases(id),
  body_id uuid NOT NULL REFERENCES bodies(id),
  with_liquidation boolean NOT NULL DEFAULT false,
  attivo_cents bigint CHECK (attivo_cents >= 0),
  amount_to_creditors_cents bigint CHECK (amount_to_creditors_cents >= 0),
  satisfaction_bp integer CHECK (satisfaction_bp BETWEEN 0 AND 10000),
  duration_months integer CHECK (duration_months BETWEEN 0 AND 600),
  schedule jsonb NOT NULL DEFAULT '[]'::jsonb,
  reduction_bp integer CHECK (reduction_bp BETWEEN 1500 AND 4000),
  general_expenses_bp integer CHECK (general_expenses_bp BETWEEN 1000 AND 1500),
  substitute_professional boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE occ_fee_quotes (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  number integer NOT NULL,
  idempotency_key text NOT NULL,
  inputs jsonb NOT NULL,
  figures jsonb NOT NULL,
  min_cents bigint NOT NULL,
  average_cents bigint NOT NULL,
  max_cents bigint NOT NULL,
  document_id uuid NOT NULL REFERENCES documents(id),
  issued_by uuid REFERENCES users(id),
  issued_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users(id),
  acceptance_document_id uuid REFERENCES documents(id),
  UNIQUE (case_id, number),
  UNIQUE (body_id, idempotency_key)
);

CREATE TABLE occ_vote_windows (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  seq integer NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL CHECK (closes_at > opens_at),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  result jsonb,
  closed_at timestamptz,
  UNIQUE (case_id, seq)
);
CREATE UNIQUE INDEX occ_vote_windows_one_open ON occ_vote_windows (case_id) WHERE status = 'open';

CREATE TABLE occ_votes (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  window_id uuid NOT NULL REFERENCES occ_vote_windows(id),
  claim_id uuid NOT NULL REFERENCES occ_claims(id),
  choice text NOT NULL CHECK (choice IN ('consent', 'dissent')),
  channel text NOT NULL CHECK (channel IN ('pec', 'email', 'paper', 'other')),
  received_at timestamptz NOT NULL,
  evidence_document_id uuid REFERENCES documents(id),
  late boolean NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX occ_votes_one_in_time ON occ_votes (window_id, claim_id) WHERE NOT late;
CREATE INDEX occ_votes_case ON occ_votes (body_id, case_id, window_id);
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE occ_votes, occ_vote_windows, occ_fee_quotes, occ_plans, occ_assets, occ_claims;');
};
