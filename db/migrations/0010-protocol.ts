import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * Protocol register (issue #6): registers (≤ 5 per body), the titolario, general files (fascicoli),
 * gapless counters per register and year, immutable entries with append-only annotations,
 * attachments (documents) and file links, and the new permissions.
 */
export const up: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
CREATE TABLE protocol_registers (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,16}$'),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  administration_code text NOT NULL,
  aoo_code text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  auto_close boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, code),
  UNIQUE (body_id, id)
);
-- At most five registers per body (ProtoSFERA P4). The body row is locked so two concurrent
-- creations cannot both see four.
CREATE FUNCTION protocol_registers_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM bodies WHERE id = NEW.body_id FOR UPDATE;
  IF (SELECT count(*) FROM protocol_registers WHERE body_id = NEW.body_id) >= 5 THEN
    RAISE EXCEPTION 'protocol register limit reached' USING ERRCODE = 'check_violation', CONSTRAINT = 'protocol_registers_limit';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER protocol_registers_limit BEFORE INSERT ON protocol_registers
  FOR EACH ROW EXECUTE FUNCTION protocol_registers_limit();

-- The body's classification scheme (titolario): dotted codes, the parent must exist.
CREATE TABLE protocol_classifications (
  body_id uuid NOT NULL REFERENCES bodies(id),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9]{1,10}(\\.[A-Za-z0-9]{1,10}){0,2}$'),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  parent_code text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (body_id, code),
  FOREIGN KEY (body_id, parent_code) REFERENCES protocol_classifications (body_id, code)
);

CREATE TABLE protocol_counters (
  body_id uuid NOT NULL REFERENCES bodies(id),
  register_id uuid NOT NULL REFERENCES protocol_registers(id),
  year integer NOT NULL,
  last_number integer NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (register_id, year)
);

-- General files (fascicoli) opened from the protocol; case files are the cases table.
CREATE TABLE protocol_files (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  year integer NOT NULL,
  classification_code text NOT NULL,
  number integer NOT NULL,
  code text NOT NULL,
  subject text NOT NULL CHECK (length(trim(subject)) > 0),
  opened_at timestamptz NOT NULL,
  opened_by uuid REFERENCES users(id),
  closed_at timestamptz,
  UNIQUE (body_id, year, classification_code, number),
  UNIQUE (body_id, code),
  FOREIGN KEY (body_id, classification_code) REFERENCES protocol_classifications (body_id, code)
);
CREATE TABLE protocol_file_counters (
  body_id uuid NOT NULL REFERENCES bodies(id),
  year integer NOT NULL,
  classification_code text NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (body_id, year, classification_code)
);

CREATE TABLE protocol_entries (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  register_id uuid NOT NULL,
  year integer NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  registered_at timestamptz NOT NULL,
  registered_by uuid REFERENCES users(id),
  direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
  channel text NOT NULL,
  subject text NOT NULL CHECK (length(trim(subject)) > 0),
  classification_code text NOT NULL,
  correspondents jsonb NOT NULL CHECK (jsonb_typeof(correspondents) = 'array' AND jsonb_array_length(correspondents) > 0),
  correspondents_text text NOT NULL,
  received_document jsonb,
  confidential boolean NOT NULL DEFAULT false,
  -- Where the entry came from when not typed in: e.g. 'mail:<account>:<uidvalidity>:<uid>'.
  source_key text,
  annulled_at timestamptz,
  annulled_by uuid REFERENCES users(id),
  annulment_reason text,
  annulment_measure text,
  UNIQUE (register_id, year, number),
  UNIQUE (body_id, source_key),
  FOREIGN KEY (body_id, register_id) REFERENCES protocol_registers (body_id, id),
  FOREIGN KEY (body_id, classification_code) REFERENCES protocol_classifications (body_id, code),
  CHECK ((annulled_at IS NULL) = (annulled_by IS NULL) AND (annulled_at IS NULL) = (annulment_reason IS NULL))
);
CREATE INDEX protocol_entries_body_time ON protocol_entries (body_id, registered_at DESC);
CREATE INDEX protocol_entries_register_time ON protocol_entries (register_id, registered_at);
CREATE INDEX protocol_entries_annulled ON protocol_entries (register_id, annulled_at) WHERE annulled_at IS NOT NULL;

-- A registered entry is immutable (art. 53): the only change allowed is its annulment (art. 54),
-- once, setting the annulment columns and nothing else. Rows are never deleted.
CREATE FUNCTION protocol_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  annulment text[] := ARRAY['annulled_at', 'annulled_by', 'annulment_reason', 'annulment_measure'];
BEGIN
  IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'protocol entries cannot be deleted'; END IF;
  IF OLD.annulled_at IS NOT NULL THEN RAISE EXCEPTION 'an annulled protocol entry is final'; END IF;
  IF (to_jsonb(NEW) - annulment) IS DISTINCT FROM (to_jsonb(OLD) - annulment) THEN
    RAISE EXCEPTION 'registered fields of a protocol entry are immutable';
  END IF;
  IF NEW.annulled_at IS NULL THEN RAISE EXCEPTION 'the only change to a protocol entry is its annulment'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER protocol_entries_immutable BEFORE UPDATE OR DELETE ON protocol_entries
  FOR EACH ROW EXECUTE FUNCTION protocol_entries_immutable();
CREATE TRIGGER protocol_entries_no_truncate BEFORE TRUNCATE ON protocol_entries
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

CREATE TABLE protocol_annotations (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  entry_id uuid NOT NULL REFERENCES protocol_entries(id),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX protocol_annotations_entry ON protocol_annotations (entry_id, created_at);
CREATE INDEX protocol_annotations_body_time ON protocol_annotations (body_id, created_at);

-- The entry's documents (the first is the primary document), written with the entry.
CREATE TABLE protocol_attachments (
  entry_id uuid NOT NULL REFERENCES protocol_entries(id),
  position integer NOT NULL CHECK (position >= 0),
  body_id uuid NOT NULL REFERENCES bodies(id),
  document_id uuid NOT NULL REFERENCES documents(id),
  description text,
  PRIMARY KEY (entry_id, position)
);

-- Links of an entry to case files (mediation, OCC) or general files; added, never removed.
CREATE TABLE protocol_file_links (
  id uuid PRIMARY KEY,
  body_id uuid NOT NULL REFERENCES bodies(id),
  entry_id uuid NOT NULL REFERENCES protocol_entries(id),
  case_id uuid REFERENCES cases(id),
  file_id uuid REFERENCES protocol_files(id),
  linked_at timestamptz NOT NULL,
  linked_by uuid REFERENCES users(id),
  seq bigserial NOT NULL,
  CHECK ((case_id IS NULL) <> (file_id IS NULL))
);
CREATE UNIQUE INDEX protocol_file_links_case ON protocol_file_links (entry_id, case_id) WHERE case_id IS NOT NULL;
CREATE UNIQUE INDEX protocol_file_links_file ON protocol_file_links (entry_id, file_id) WHERE file_id IS NOT NULL;
CREATE INDEX protocol_file_links_target ON protocol_file_links (body_id, case_id, file_id);

CREATE TRIGGER protocol_annotations_append_only BEFORE UPDATE OR DELETE ON protocol_annotations
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER protocol_attachments_append_only BEFORE UPDATE OR DELETE ON protocol_attachments
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER protocol_file_links_append_only BEFORE UPDATE OR DELETE ON protocol_file_links
  FOR EACH ROW EXECUTE FUNCTION append_only();

-- New permissions, granted in every existing body as the defaults (domain/access/roles.ts) do for new ones.
INSERT INTO role_permissions (body_id, role, permission)
  SELECT b.id, g.role, g.permission FROM bodies b CROSS JOIN (VALUES
    ('admin', 'protocol.annul'), ('admin', 'protocol.close_day'), ('admin', 'protocol.admin'),
    ('protocol_manager', 'protocol.read'), ('protocol_manager', 'protocol.register'), ('protocol_manager', 'protocol.annul'),
    ('protocol_manager', 'protocol.close_day'), ('protocol_manager', 'protocol.admin'), ('protocol_manager', 'registry.read'),
    ('protocol_manager', 'audit.read')
  ) AS g(role, permission)
  ON CONFLICT DO NOTHING;
`);
};

export const down: MigrationFn<QueryInterface> = async ({ context }) => {
  await context.sequelize.query(`
DELETE FROM role_permissions WHERE permission IN ('protocol.annul', 'protocol.close_day', 'protocol.admin') OR role = 'protocol_manager';
DROP TABLE protocol_file_links, protocol_attachments, protocol_annotations, protocol_entries, protocol_file_counters,
  protocol_files, protocol_counters, protocol_classifications, protocol_registers;
DROP FUNCTION protocol_entries_immutable(); DROP FUNCTION protocol_registers_limit();`);
};
