import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/** Daily closure of each register (registro giornaliero): one row per register and day, the control panel's source. */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE protocol_day_closures (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  register_id uuid NOT NULL,
  day date NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'sealed', 'preserved', 'failed')),
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  requested_by uuid REFERENCES users(id),
  workflow_id text NOT NULL,
  entry_count integer NOT NULL DEFAULT 0,
  change_count integer NOT NULL DEFAULT 0,
  first_number integer,
  last_number integer,
  pdf_document_id uuid REFERENCES documents(id),
  xml_document_id uuid REFERENCES documents(id),
  sealed_document_id uuid REFERENCES documents(id),
  preservation_id text,
  error_code text,
  attempts integer NOT NULL DEFAULT 1,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (register_id, day),
  FOREIGN KEY (body_id, register_id) REFERENCES protocol_registers (body_id, id)
);
CREATE INDEX protocol_day_closures_body ON protocol_day_closures (body_id, day DESC);
-- The protocol manager sees the preserved daily registers.
INSERT INTO role_permissions (body_id, role, permission) SELECT id, 'protocol_manager', 'preservation.read' FROM bodies ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query('DROP TABLE protocol_day_closures');
};
