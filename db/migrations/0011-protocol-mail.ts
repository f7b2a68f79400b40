import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/** Mailbox import (ProtoSFERA Plus): IMAP accounts per register and the record of each imported message. */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE protocol_mail_accounts (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  register_id uuid NOT NULL,
  label text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('email', 'pec')),
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  secure boolean NOT NULL,
  username text NOT NULL,
  -- AES-256-GCM under a key derived from the installation's secret (never the password in clear).
  password_enc text NOT NULL,
  parent_folder text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, id),
  FOREIGN KEY (body_id, register_id) REFERENCES protocol_registers (body_id, id)
);
-- One row per message registered from a mailbox: the key is account + UIDVALIDITY + UID.
CREATE TABLE protocol_mail_imports (
  body_id uuid NOT NULL REFERENCES bodies(id),
  account_id uuid NOT NULL REFERENCES protocol_mail_accounts(id),
  message_key text NOT NULL,
  uid_validity text NOT NULL,
  uid integer NOT NULL,
  message_id text,
  entry_id uuid NOT NULL REFERENCES protocol_entries(id),
  workflow_id text,
  registered_at timestamptz NOT NULL,
  moved_at timestamptz,
  move_outcome text CHECK (move_outcome IN ('moved', 'already_moved', 'missing')),
  PRIMARY KEY (account_id, message_key)
);
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE protocol_mail_imports, protocol_mail_accounts');
};
