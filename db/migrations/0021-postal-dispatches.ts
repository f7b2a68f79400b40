import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Registered/priority mail and fax through the manual provider (issue #4): the statuses `posted` and
 * `returned` in the outbox, and one row per postal message with what the operator recorded — the
 * posting (date, tracking number, cost, scan of the slip) and the return receipt (date, outcome, scan).
 * Scans live in the document store (owner kind `postal_dispatch`).
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'recorded', 'accepted', 'delayed', 'delivered', 'not_accepted', 'not_delivered',
                    'failed', 'skipped', 'posted', 'returned'));
CREATE TABLE postal_dispatches (
  outbox_id uuid PRIMARY KEY REFERENCES outbox(id),
  body_id uuid NOT NULL REFERENCES bodies(id),
  posted_on date,
  tracking_number text,
  cost_cents integer CHECK (cost_cents >= 0),
  posting_scan_id uuid REFERENCES documents(id),
  posted_by uuid REFERENCES users(id),
  posted_at timestamptz,
  received_on date,
  receipt_outcome text CHECK (receipt_outcome IN ('delivered', 'undelivered')),
  receipt_scan_id uuid REFERENCES documents(id),
  receipt_by uuid REFERENCES users(id),
  receipt_at timestamptz,
  CHECK (received_on IS NULL OR (posted_on IS NOT NULL AND received_on >= posted_on))
);
CREATE INDEX postal_dispatches_body ON postal_dispatches (body_id);
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DROP TABLE postal_dispatches;
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'recorded', 'accepted', 'delayed', 'delivered', 'not_accepted', 'not_delivered', 'failed', 'skipped'));`);
};
