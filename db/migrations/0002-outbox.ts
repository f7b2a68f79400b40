import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The outbox of every outgoing message (e-mail now; PEC, SMS, registered mail later): one row per
 * idempotency key, written before the send, with an append-only history of its statuses.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  idempotency_key text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('email', 'pec', 'sms', 'registered_mail', 'fax')),
  template text NOT NULL,
  locale text NOT NULL DEFAULT 'it',
  recipient_address text NOT NULL,
  recipient_name text,
  case_id uuid REFERENCES cases(id),
  workflow_id text,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  message_id text NOT NULL,
  subject text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_body_created ON outbox (body_id, created_at DESC);
CREATE INDEX outbox_case ON outbox (case_id) WHERE case_id IS NOT NULL;
CREATE TABLE outbox_events (
  id bigserial PRIMARY KEY,
  outbox_id uuid NOT NULL REFERENCES outbox(id),
  status text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_events_message ON outbox_events (outbox_id, at);
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
CREATE TRIGGER outbox_events_no_update BEFORE UPDATE OR DELETE ON outbox_events
  FOR EACH ROW EXECUTE FUNCTION append_only();
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE outbox_events, outbox; DROP FUNCTION append_only();');
};
