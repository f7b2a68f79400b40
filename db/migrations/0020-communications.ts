import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Communications (issue #4): every channel in the outbox (PEC, SMS, registered/priority mail, fax),
 * per-body sender and PEC account settings, mass mailings with their resolved recipients,
 * newsletter unsubscriptions, PEC receipts with the mailbox read position, and the permissions to
 * send and to run mailings.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check, DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check
  CHECK (channel IN ('email', 'pec', 'sms', 'registered_mail', 'priority_mail', 'fax'));
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'recorded', 'accepted', 'delayed', 'delivered', 'not_accepted', 'not_delivered', 'failed', 'skipped'));
ALTER TABLE outbox
  ADD COLUMN subject_id uuid REFERENCES subjects(id),
  ADD COLUMN mailing_id uuid,
  ADD COLUMN provider text,
  ADD COLUMN provider_ref text,
  ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN sending_at timestamptz;
CREATE INDEX outbox_mailing ON outbox (mailing_id, status) WHERE mailing_id IS NOT NULL;
CREATE INDEX outbox_provider_ref ON outbox (provider, provider_ref) WHERE provider_ref IS NOT NULL;
CREATE INDEX outbox_message_id ON outbox (message_id);
CREATE INDEX outbox_body_channel_status ON outbox (body_id, channel, status);

CREATE TABLE communication_settings (
  body_id uuid PRIMARY KEY REFERENCES bodies(id),
  sender_name text,
  sender_email text,
  reply_to text,
  signature text,
  secretariat_email text,
  pec_address text,
  pec_smtp_url text,
  pec_imap_url text,
  pec_username text,
  pec_password_enc text,
  sms_sender text,
  rate_limits jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mailings (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  idempotency_key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('dispatch', 'newsletter')),
  channel text NOT NULL CHECK (channel IN ('email', 'pec', 'sms')),
  subject text NOT NULL,
  message text NOT NULL,
  audience jsonb NOT NULL,
  state text NOT NULL DEFAULT 'preparing' CHECK (state IN ('preparing', 'running', 'paused', 'cancelled', 'completed')),
  workflow_id text NOT NULL,
  total integer,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, idempotency_key)
);
CREATE INDEX mailings_body_created ON mailings (body_id, created_at DESC);
CREATE TABLE mailing_recipients (
  mailing_id uuid NOT NULL REFERENCES mailings(id),
  seq integer NOT NULL,
  body_id uuid NOT NULL REFERENCES bodies(id),
  subject_id uuid REFERENCES subjects(id),
  user_id uuid REFERENCES users(id),
  address text NOT NULL,
  name text,
  PRIMARY KEY (mailing_id, seq)
);

CREATE TABLE unsubscribes (
  body_id uuid NOT NULL REFERENCES bodies(id),
  list text NOT NULL CHECK (list IN ('newsletter')),
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (body_id, list, address)
);

CREATE TABLE pec_receipts (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  outbox_id uuid REFERENCES outbox(id),
  kind text NOT NULL,
  provider_id text NOT NULL,
  recipient text NOT NULL DEFAULT '',
  referenced_message_id text,
  event_at timestamptz,
  error text,
  error_detail text,
  document_id uuid,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, provider_id, kind, recipient)
);
CREATE INDEX pec_receipts_outbox ON pec_receipts (outbox_id, received_at);
CREATE TABLE pec_mailbox_state (
  body_id uuid PRIMARY KEY REFERENCES bodies(id),
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  polled_at timestamptz
);

-- New permissions of this release, granted in every existing body as the defaults do for new ones.
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, r.role, r.permission FROM bodies b CROSS JOIN (VALUES
    ('admin', 'communications.send'), ('secretariat', 'communications.send'), ('manager', 'communications.send'),
    ('admin', 'mailings.manage'), ('secretariat', 'mailings.manage'), ('manager', 'mailings.manage')
  ) AS r(role, permission)
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DELETE FROM role_permissions WHERE permission IN ('communications.send', 'mailings.manage');
DROP TABLE pec_mailbox_state, pec_receipts, unsubscribes, mailing_recipients, mailings, communication_settings;
DROP INDEX outbox_mailing, outbox_provider_ref, outbox_message_id, outbox_body_channel_status;
ALTER TABLE outbox DROP COLUMN subject_id, DROP COLUMN mailing_id, DROP COLUMN provider, DROP COLUMN provider_ref,
  DROP COLUMN attachments, DROP COLUMN sending_at;
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check, DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'pec', 'sms', 'registered_mail', 'fax'));
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));`);
};
